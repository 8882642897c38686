/**
 * The sim-core and worker types the app uses, from one place: the view model (sim-core/view),
 * the protocol's stepping and breakpoint kinds, and the client's API (app/worker/client.ts).
 */
export type { Scenario, Summary } from '../sim-core/page';
export type {
  CpuView,
  GroView,
  LedgerView,
  PduView,
  PipeView,
  ReqView,
  RingView,
  RowView,
  SkbView,
  TcpView,
  ViewState,
} from '../sim-core/view/types';
export type { Breakpoint, Granularity, Markers } from './worker/protocol';
export type { LoadProgress, LoadResult, SeekBy, SimClient } from './worker/client';
