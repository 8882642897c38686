/**
 * The page's entry. The code is evaluated in three tasks, not one: the scenario library
 * (schemas, presets, code book, machines), React DOM, then the UI that starts the page (start.tsx).
 * Evaluating all of it at once was a ~90 ms main-thread task on load (issue 3: no task over
 * 50 ms). If loading fails (a broken bundle, no Worker), the page says so: never blank.
 */
import { fail } from './fail';
import { messageOf } from './format';
import './styles.css';

async function boot(root: HTMLElement): Promise<void> {
  try {
    // A turn of the event loop between evaluations.
    const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    await import('../sim-core/page');
    await turn();
    await import('react-dom/client');
    await turn();
    const { start } = await import('./start');
    start(root);
  } catch (e) {
    fail(root, messageOf(e));
  }
}

const root = document.getElementById('root');
if (root !== null) void boot(root);
