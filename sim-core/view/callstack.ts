/**
 * The call stack of a trace row: the row's function and its real upstream callers, innermost
 * first, at the pinned versions (Linux v6.5 on x86-64, SPDK v24.09; files in
 * callstack-files.ts). Where a function has several callers, the context picks one:
 * - softirq: NET_RX (and the timers) ran at the end of the hard interrupt (irq_exit_rcu) or in
 *   the ksoftirqd thread (run_ksoftirqd); from the CPU view.
 * - tcp: TCP's receive code ran in softirq (tcp_v4_rcv), in the reader processing the backlog
 *   (__release_sock), in the reader itself (tcp_recvmsg), or from a timer; from the rows just
 *   before (the simulation records one context's rows together).
 * - payload / pipe / capsule: how SPDK reads (a PDU's payload through spdk_sock_readv, headers
 *   through spdk_sock_recv; readv fills the recv pipe when there is one) and whether data came
 *   in a capsule.
 * Pure: no world, no DOM. Where the model or this table simplifies, `notes` says so in words.
 */
import { codeInfo, sourceUrl } from '../trace/codes';
import { machineInfo, STATE_CODE_BASE } from '../trace/machines';
import { functionHome } from './callstack-files';
import { isStateCode } from './row';
import type { ViewState } from './types';

import {
  DEFAULT_CONTEXT,
  HOST_NOTE,
  HARDWARE_NOTE,
  RXPATH_NOTE,
  type SoftirqFrom,
  type StackContext,
  type TcpFrom,
} from './callstack-chains';
import { BY_CODE, stateChain } from './callstack-table';

export { DEFAULT_CONTEXT, type SoftirqFrom, type StackContext, type TcpFrom };

export interface Frame {
  fn: string;
  /** Upstream file ('' when there is none: hardware, rxpath's own rows). */
  file: string;
  repo: 'linux' | 'spdk' | 'rxpath';
  /** The file at the pinned version, or null. */
  url: string | null;
}

export interface CallStack {
  /** Innermost first: frames[0] is the row's function, frames[i + 1] called frames[i]. */
  frames: Frame[];
  /** Simplifications and other callers, in plain words (empty when the chain is whole). */
  notes: string[];
}

function frameOf(fn: string): Frame {
  const home = functionHome(fn);
  if (home === undefined) return { fn, file: '', repo: 'rxpath', url: null };
  const url = sourceUrl({
    code: 0,
    fn,
    file: home.file,
    repo: home.repo,
    layer: 'engine',
    args: {},
    caption: '',
  });
  return { fn, file: home.file, repo: home.repo, url };
}

/** The row's own frame from the code book (its file may be listed where the name is not). */
function ownFrame(code: number): Frame {
  const info = codeInfo(code);
  if (info === undefined) return { fn: `code ${code}`, file: '', repo: 'rxpath', url: null };
  const home = functionHome(info.fn);
  if (home !== undefined) return frameOf(info.fn);
  return { fn: info.fn, file: info.file, repo: info.repo, url: sourceUrl(info) };
}

/** The call stack of a row (code, and b: the new state of a state change). */
export function callStack(row: { code: number; b?: number }, c: StackContext = DEFAULT_CONTEXT): CallStack {
  const { code } = row;
  if (isStateCode(code)) {
    const m = machineInfo(code - STATE_CODE_BASE);
    const s = stateChain(code - STATE_CODE_BASE, row.b ?? -1, c);
    if (s !== null) return { frames: s.chain.map(frameOf), notes: s.notes };
    const own: Frame = {
      fn: m?.upstream ?? `machine ${code - STATE_CODE_BASE}`,
      file: '',
      repo: 'rxpath',
      url: null,
    };
    const host = m !== undefined && m.id >= 10 && m.id < 20;
    return {
      frames: [own],
      notes: [host ? HOST_NOTE : 'Changed by the NIC itself (no CPU), so there is no call stack.'],
    };
  }
  const build = BY_CODE.get(code);
  const own = ownFrame(code);
  if (build === undefined) {
    const info = codeInfo(code);
    let note = RXPATH_NOTE;
    if (info?.layer === 'host') note = HOST_NOTE;
    else if (info?.repo === 'linux' && info.layer === 'nic') note = HARDWARE_NOTE;
    else if (info?.repo === 'linux' && info.layer === 'irq') note = HARDWARE_NOTE;
    return { frames: [own], notes: [note] };
  }
  const { chain, notes } = build(c);
  const frames = chain.map(frameOf);
  // The row's own name first, as the code book has it, when the chain starts with it.
  if (frames[0]?.fn === own.fn) frames[0] = own;
  return { frames, notes: notes ?? [] };
}

/** nvme_tcp_read_data and nvme_tcp_readv_data rows (spdk/nvmf/codes.ts). */
const C_READ_DATA = 601;
const C_READV_DATA = 602;

/**
 * Codes that decide who ran TCP's code, nearest first wins: the reader's own rows, its backlog
 * processing, the timers, and the softirq receive path.
 */
const TCP_ANCHORS = new Map<number, TcpFrom>([
  [427, 'backlog'],
  [426, 'backlog'],
  [421, 'reader'],
  [422, 'reader'],
  [423, 'reader'],
  [424, 'reader'],
  [425, 'reader'],
  [428, 'reader'],
  [429, 'reader'],
  [430, 'reader'],
  [414, 'delack-timer'],
  [415, 'sack-timer'],
  [400, 'softirq'],
  [401, 'softirq'],
  [305, 'softirq'],
  [308, 'softirq'],
  [311, 'softirq'],
  [316, 'softirq'],
  [317, 'softirq'],
  [322, 'softirq'],
]);

/**
 * The context of the step shown: `view` at the step, `recent` the codes of the rows just
 * before it, oldest first (the current row's own code may be last: it is an anchor too).
 */
export function stackContext(view: ViewState | null, recent: ArrayLike<number> = []): StackContext {
  if (view === null) return DEFAULT_CONTEXT;
  let tcp: TcpFrom | null = null;
  for (let i = recent.length - 1; i >= 0 && tcp === null; i--) tcp = TCP_ANCHORS.get(recent[i]!) ?? null;
  let readv = false;
  for (let i = recent.length - 1; i >= 0; i--) {
    const k = recent[i]!;
    if (k === C_READ_DATA || k === C_READV_DATA) {
      readv = k === C_READV_DATA;
      break;
    }
  }
  return {
    softirq: view.cpu.cores.some((k) => k.running === 'ksoftirqd') ? 'ksoftirqd' : 'irq-exit',
    tcp: tcp ?? (view.tcp.ownedByUser ? 'backlog' : 'softirq'),
    payload: view.pdu.recvState.endsWith('AWAIT_PDU_PAYLOAD'),
    readv,
    pipe: view.pipe !== null,
    capsule: /CAPSULE/i.test(view.pdu.type),
  };
}
