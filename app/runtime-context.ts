/** React's way to the runtime: a context and hooks that read the store with selectors. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Runtime } from './runtime';
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
