/**
 * The draft lives beside the page's store, not in the editor component: switching tabs unmounts
 * the editor, and what was typed must still be there on return. A new scenario loading (picker,
 * Run, import, link) starts the draft again from it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SCENARIO } from '../../../sim-core/page';
import type { AppStore } from '../../store/store';
import { type Draft, draftOf } from './draft';

export interface DraftState {
  draft: Draft;
  setDraft(draft: Draft): void;
}

const stores = new WeakMap<AppStore, StoreApi<DraftState>>();

export function draftStoreFor(app: AppStore): StoreApi<DraftState> {
  const known = stores.get(app);
  if (known !== undefined) return known;
  const store = createStore<DraftState>()((set) => ({
    draft: draftOf(app.getState().scenario ?? DEFAULT_SCENARIO),
    setDraft: (draft) => set({ draft }),
  }));
  // Lives as long as the page's store (one per page).
  app.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario && s.scenario !== null) store.setState({ draft: draftOf(s.scenario) });
  });
  stores.set(app, store);
  return store;
}
