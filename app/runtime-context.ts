/** React's way to the runtime: a context and hooks that read the store with selectors. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Runtime } from './runtime';
import type { CalmState } from './store/calm';
import type { AppActions, AppState } from './store/store';

export const RuntimeContext = createContext<Runtime | null>(null);

export function useRuntime(): Runtime {
  const r = useContext(RuntimeContext);
  if (r === null) throw new Error('useRuntime: no RuntimeContext provider');
  return r;
}

/** A slice of the store; the component re-renders when it changes. */
export function useApp<T>(selector: (s: AppState & AppActions) => T): T {
  return useStore(useRuntime().store, selector);
}

/**
 * The step shown, for panels that need not follow every frame while playing fast (inspector,
 * state machines, source, numbers, event log): exact when paused (store/calm.ts).
 */
export function useCalm<T>(selector: (s: CalmState) => T): T {
  return useStore(useRuntime().calm, selector);
}
