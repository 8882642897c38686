/**
 * Starts the page (loaded by main.tsx): the worker client and the runtime, the app rendered,
 * and what the address bar asks for (a share link) or else the default preset.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { messageOf } from './format';
import { createRuntime, type Runtime } from './runtime';
import { RuntimeContext } from './runtime-context';
import { PanelBoundary } from './views/errors/panel-boundary';
import { followAddressBar } from './views/share/address-bar';
import { createSimClient } from './worker/client';

import { fail } from './fail';

/** The first render is a transition: React renders it in slices that yield to the browser. */
export function start(root: HTMLElement): void {
  let runtime: Runtime | null = null;
  try {
    runtime = createRuntime(createSimClient());
  } catch (e) {
    fail(root, messageOf(e));
  }
  if (runtime === null) return;
  const r = createRoot(root);
  const app = (
    <StrictMode>
      <PanelBoundary name="page">
        <RuntimeContext.Provider value={runtime}>
          <App />
        </RuntimeContext.Provider>
      </PanelBoundary>
    </StrictMode>
  );
  // The runtime (its statechart's first snapshot) was made in this task; render in the next.
  setTimeout(() => startTransition(() => r.render(app)), 0);
  // A link in the fragment (now or pasted later), else the default preset.
  followAddressBar(runtime);
}
