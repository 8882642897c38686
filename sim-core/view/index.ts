/** The view model and the questions the worker asks of a recorded run: re-exports only. */
export type * from './types';
export { viewOf, type ViewContext } from './project';
export { describeRow, isStateCode } from './row';
export { pduColor, pduSpans, chunkCid, MAX_SPANS } from './color';
export { firstPayloadSeq } from './ring';
export { writeIovs, type PipeWrite } from './pipe';
export { MAX_QUEUE_SKBS } from './tcp';
export {
  columnsOf,
  scan,
  seek,
  stateIndex,
  breakpointTest,
  lastPipeWrite,
  pipeWriteIndex,
  markers,
  GRANULARITY_TESTS,
  type Columns,
  type RowTest,
} from './scan';
export { ViewCursor, type CursorOptions, type CursorStats } from './cursor';
export type * from './inspect-types';
export { MAX_HEX_BYTES } from './inspect-types';
export { inspect, isSelection, selectionKey, type InspectContext } from './inspect';
