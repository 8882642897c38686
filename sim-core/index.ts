/** sim-core's public entry: what the app, the worker, the CLI and the benchmark use. Re-exports only. */
export { simulate, stateAt, type SimulateOptions, type SimulateResult } from './simulate';
export { createSim, createWorld, HOOKS } from './setup';
export { summarize, type Summary } from './summary/summary';
export { presetFigure, type Figure } from './summary/figures';
export * from './scenario';
export type { World } from './engine/world';
export type { Sim, Recorder } from './engine/sim';
export { StopAtStep } from './engine/sim';
export { run } from './engine/run';
export { ColumnarTrace } from './trace/columns';
export { KeyframeStore } from './trace/keyframes';
export { recordRun, restoreAt, RecordingSession } from './trace/restore';
export { traceJsonl } from './trace/export';
export { worldDigest } from './trace/hash';
export { allCodes, codeInfo, sourceUrl, type CodeInfo, LINUX_TAG, SPDK_TAG } from './trace/codes';
export { allMachines, machineInfo, STATE_CODE_BASE, type MachineInfo } from './trace/machines';
export { recvMachine, reqMachine, qpairMachine } from './spdk/nvmf/machines';
export * as wire from './wire';
