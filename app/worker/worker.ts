/**
 * The Web Worker entry: sim-core runs here, never on the page. Messages go to the engine;
 * answers go back with their large arrays transferred, not copied.
 */
import { createWorkerEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

// The root tsconfig types `self` as a Window (DOM lib); only these two members are used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
};

const engine = createWorkerEngine((msg, transfer) => scope.postMessage(msg, transfer ?? []));

scope.onmessage = (e) => {
  void engine.handle(e.data);
};
