/** Binds the keyboard shortcuts (shortcuts.ts) at the document level while mounted. */
import { useEffect } from 'react';
import { useRuntime } from '../../runtime-context';
import { shortcutFor } from './shortcuts';

export function useShortcuts(): void {
  const { store, send } = useRuntime();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A held Space would toggle on every repeat.
      if (e.defaultPrevented || (e.repeat && e.key === ' ')) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      const s = store.getState();
      const action = shortcutFor(
        {
          key: e.key,
          shiftKey: e.shiftKey,
          ctrlKey: e.ctrlKey,
          altKey: e.altKey,
          metaKey: e.metaKey,
          targetTag: t?.tagName ?? 'BODY',
          targetEditable: t?.isContentEditable ?? false,
        },
        s.granularity,
      );
      if (action === null) return;
      e.preventDefault();
      switch (action.kind) {
        case 'toggle':
          send({ type: s.phase === 'playing' || s.phase === 'running' ? 'PAUSE' : 'PLAY' });
          return;
        case 'step':
          send({ type: 'STEP', dir: action.dir, granularity: action.granularity });
          return;
        case 'reset':
          send({ type: 'RESET' });
          return;
        case 'end':
          send({ type: 'SEEK', step: s.totalSteps - 1 });
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, send]);
}
