/**
 * The page's entry: starts the worker client and the runtime, renders the app, and loads what
 * the address bar asks for (a share link) or else the default preset. If even that fails (no
 * Worker, a broken bundle), the page says so: never blank.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { messageOf } from './format';
import { createRuntime, type Runtime } from './runtime';
import { RuntimeContext } from './runtime-context';
import { PanelBoundary } from './views/errors/panel-boundary';
import { followAddressBar } from './views/share/address-bar';
import { createSimClient } from './worker/client';
import './styles.css';

function fail(root: HTMLElement, why: string): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'fatal';
  p.textContent = `rxpath could not start: ${why}`;
  root.replaceChildren(p);
}

const root = document.getElementById('root');
if (root !== null) {
  let runtime: Runtime | null = null;
  try {
    runtime = createRuntime(createSimClient());
  } catch (e) {
    fail(root, messageOf(e));
  }
  if (runtime !== null) {
    createRoot(root).render(
      <StrictMode>
        <PanelBoundary name="page">
          <RuntimeContext.Provider value={runtime}>
            <App />
          </RuntimeContext.Provider>
        </PanelBoundary>
      </StrictMode>,
    );
    // A link in the fragment (now or pasted later), else the default preset.
    followAddressBar(runtime);
  }
}
