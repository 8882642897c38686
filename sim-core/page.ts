/**
 * sim-core's entry for the browser page (the main thread). The simulation itself runs in the
 * worker from sim-core/index.ts; the page needs only what draws and checks it:
 *  - the scenario library (schema, presets, validation: the editor and share links parse on the page),
 *  - the code book with every stage's codes and machines registered (codebook.ts: tables, no logic),
 *  - the nvmf machine definitions the statecharts draw,
 *  - the view model's types and the pure helpers that word rows and call stacks.
 * Nothing exported here may import setup.ts, a stage's logic or the engine's run loop: the page
 * bundle would carry the whole simulation (app/page-bundle.test.ts checks this).
 */
import './codebook';

export * from './scenario';
export type { Summary } from './summary/summary';
export { allCodes, codeInfo, sourceUrl, type CodeInfo, LINUX_TAG, SPDK_TAG } from './trace/codes';
export { allMachines, machineInfo, STATE_CODE_BASE, type MachineInfo } from './trace/machines';
export { recvMachine, reqMachine, qpairMachine } from './spdk/nvmf/machines';
export type * from './view/types';
export type * from './view/inspect-types';
export { MAX_HEX_BYTES } from './view/inspect-types';
export { describeRow, isStateCode } from './view/row';
export {
  callStack,
  stackContext,
  DEFAULT_CONTEXT,
  type CallStack,
  type Frame,
  type StackContext,
} from './view/callstack';
