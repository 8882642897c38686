/**
 * Questions answered from the trace's columns alone, never by restoring a world, so they stay
 * fast on long traces: the next row of a kind (stepping by event, function, packet or PDU),
 * breakpoints, timeline markers and the last pipe write before a step.
 *
 * What each granularity stops at:
 * - event: the next row.
 * - function: the next row that is not a state change (code < STATE_CODE_BASE).
 * - packet: the next frame reaching the NIC: its DMA write-back row (C_IGB_DMA).
 * - pdu: the next PDU the target starts to receive: the receive machine enters
 *   AWAIT_PDU_CH (from AWAIT_PDU_READY, the only way in: a free PDU was taken and zeroed and
 *   the read of its common header begins).
 */
import { C_IGB_DMA, C_IGB_RX_MISSED } from '../nic/codes';
import { C_H2C_TERM_REQ } from '../spdk/nvmf/codes';
import {
  MACHINE_RECV,
  MACHINE_REQ,
  RECV_STATE_NAMES,
  REQ_STATE_NAMES,
  RS_AWAIT_PDU_CH,
} from '../spdk/nvmf/constants';
import { C_ALLOC_PIPE, C_PIPE_WRITER_ADVANCE } from '../spdk/sock/codes';
import { TC } from '../tcp/codes';
import { allCodes } from '../trace/codes';
import type { ColumnarTrace, TraceWindow } from '../trace/columns';
import { STATE_CODE_BASE } from '../trace/machines';
import type { PipeWrite } from './pipe';
import { isStateCode } from './row';
import type { Breakpoint, Granularity, Markers } from './types';

/** A finished trace as column views (no copy), for scanning. */
export interface Columns {
  length: number;
  shift: number;
  mask: number;
  chunks: TraceWindow[];
}

export function columnsOf(trace: ColumnarTrace): Columns {
  const chunks = [...trace.chunkViews()];
  return { length: trace.length, shift: 31 - Math.clz32(trace.chunkRows), mask: trace.chunkRows - 1, chunks };
}

export type RowTest = (code: number, obj: number, a: number, b: number) => boolean;

/** The first row after `from` (dir 1) or the last before it (dir -1) that passes `test`, or null. */
export function scan(c: Columns, from: number, dir: 1 | -1, test: RowTest): number | null {
  let i = dir === 1 ? Math.max(0, Math.floor(from) + 1) : Math.min(c.length - 1, Math.ceil(from) - 1);
  while (i >= 0 && i < c.length) {
    const ch = c.chunks[i >>> c.shift]!;
    const { code, obj, a, b } = ch;
    let j = i & c.mask;
    if (dir === 1) {
      for (; j < ch.length; j++) if (test(code[j]!, obj[j]!, a[j]!, b[j]!)) return ch.from + j;
      i = ch.from + ch.length;
    } else {
      for (; j >= 0; j--) if (test(code[j]!, obj[j]!, a[j]!, b[j]!)) return ch.from + j;
      i = ch.from - 1;
    }
  }
  return null;
}

const RECV_STATE_CODE = STATE_CODE_BASE + MACHINE_RECV;
const REQ_STATE_CODE = STATE_CODE_BASE + MACHINE_REQ;

export const GRANULARITY_TESTS: Record<Granularity, RowTest> = {
  event: () => true,
  function: (code) => code < STATE_CODE_BASE,
  packet: (code) => code === C_IGB_DMA,
  pdu: (code, _o, _a, b) => code === RECV_STATE_CODE && b === RS_AWAIT_PDU_CH,
};

/** A state index by its full upstream name or by its end ('AWAIT_PDU_CH', 'EXECUTING'). */
export function stateIndex(names: readonly string[], name: string): number {
  const exact = names.indexOf(name);
  if (exact >= 0) return exact;
  const i = names.findIndex((n) => n.endsWith(`_${name}`));
  if (i < 0) throw new RangeError(`unknown state '${name}' (one of ${names.join(', ')})`);
  return i;
}

/** Codes a "TermReq" breakpoint stops at: rows marked termreq, and an H2CTermReq received. */
function termReqCodes(): Set<number> {
  const s = new Set<number>([C_H2C_TERM_REQ]);
  for (const c of allCodes()) if (c.marker === 'termreq') s.add(c.code);
  return s;
}

/** The row test of a breakpoint (all kinds but backlog-nonempty, which needs the rows before). */
export function breakpointTest(bp: Exclude<Breakpoint, { kind: 'backlog-nonempty' }>): RowTest {
  switch (bp.kind) {
    case 'recv-state': {
      const to = stateIndex(RECV_STATE_NAMES, bp.state);
      return (code, _o, _a, b) => code === RECV_STATE_CODE && b === to;
    }
    case 'req-state': {
      const to = stateIndex(REQ_STATE_NAMES, bp.state);
      return (code, _o, _a, b) => code === REQ_STATE_CODE && b === to;
    }
    case 'ring-overrun':
      return (code) => code === C_IGB_RX_MISSED;
    case 'termreq': {
      const codes = termReqCodes();
      return (code) => codes.has(code);
    }
  }
}

/**
 * The backlog becomes non-empty: a tcp_add_backlog row that appended a new skb (b = 0) when
 * the backlog was empty, that is when the last backlog row before it (tcp_add_backlog or
 * __release_sock, which empties it) is __release_sock, or there is none.
 */
function backlogNonEmpty(c: Columns, from: number, dir: 1 | -1): number | null {
  const relevant: RowTest = (code) => code === TC.ADD_BACKLOG || code === TC.RELEASE_SOCK_BACKLOG;
  const code = (i: number) => c.chunks[i >>> c.shift]!.code[i & c.mask]!;
  const isNew = (i: number) => code(i) === TC.ADD_BACKLOG && c.chunks[i >>> c.shift]!.b[i & c.mask] === 0;
  if (dir === 1) {
    const prev = scan(c, from + 1, -1, relevant);
    let empty = prev === null || code(prev) === TC.RELEASE_SOCK_BACKLOG;
    for (let i = scan(c, from, 1, relevant); i !== null; i = scan(c, i, 1, relevant)) {
      if (isNew(i) && empty) return i;
      empty = code(i) === TC.RELEASE_SOCK_BACKLOG;
    }
    return null;
  }
  // Backward: a new-skb row qualifies when the next relevant row below it empties the backlog.
  let pending = -1;
  for (let i = scan(c, from, -1, relevant); i !== null; i = scan(c, i, -1, relevant)) {
    if (pending >= 0 && code(i) === TC.RELEASE_SOCK_BACKLOG) return pending;
    pending = isNew(i) ? i : -1;
  }
  return pending >= 0 ? pending : null;
}

/** Next (dir 1) or previous (dir -1) step from `from` at a granularity, or where a breakpoint holds. */
export function seek(
  c: Columns,
  from: number,
  dir: 1 | -1,
  by: Granularity | { breakpoint: Breakpoint },
): number | null {
  if (typeof by === 'string') {
    const test = GRANULARITY_TESTS[by];
    if (test === undefined) throw new RangeError(`unknown granularity '${String(by)}'`);
    return scan(c, from, dir, test);
  }
  const bp = by.breakpoint;
  if (bp.kind === 'backlog-nonempty') return backlogNonEmpty(c, from, dir);
  return scan(c, from, dir, breakpointTest(bp));
}

const isPipeRow: RowTest = (code) => code === C_PIPE_WRITER_ADVANCE || code === C_ALLOC_PIPE;

function pipeWriteAt(c: Columns, at: number | null): PipeWrite | null {
  if (at === null) return null;
  const ch = c.chunks[at >>> c.shift]!;
  const j = at & c.mask;
  if (ch.code[j] !== C_PIPE_WRITER_ADVANCE) return null;
  return { step: at, bytes: ch.a[j]!, writeAfter: ch.b[j]! };
}

/** The last spdk_pipe_writer_advance at or before `step` since the pipe was (re)allocated. */
export function lastPipeWrite(c: Columns, step: number): PipeWrite | null {
  return pipeWriteAt(c, scan(c, step + 1, -1, isPipeRow));
}

/**
 * lastPipeWrite by binary search over an index of the pipe rows built once (one pass over the
 * codes): views are computed for many steps, and a pipe may go unwritten for millions of rows.
 */
export function pipeWriteIndex(c: Columns): (step: number) => PipeWrite | null {
  const steps: number[] = [];
  for (let i = scan(c, -1, 1, isPipeRow); i !== null; i = scan(c, i, 1, isPipeRow)) steps.push(i);
  const idx = Uint32Array.from(steps);
  return (step) => {
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (idx[mid]! <= step) lo = mid + 1;
      else hi = mid;
    }
    return pipeWriteAt(c, lo === 0 ? null : idx[lo - 1]!);
  };
}

const MARK_IRQ = 1;
const MARK_DROP = 2;
const MARK_TERMREQ = 3;
const MARK_ERROR = 4;

/** Steps of marked rows (code book markers irq, drop, termreq, error) and of all state rows. */
export function markers(c: Columns): Markers {
  const kind = new Uint8Array(65536);
  const byName = { irq: MARK_IRQ, drop: MARK_DROP, termreq: MARK_TERMREQ, error: MARK_ERROR } as const;
  for (const info of allCodes()) {
    const m = info.marker;
    if (m !== undefined && m !== 'state') kind[info.code] = byName[m];
  }
  const lists: number[][] = [[], [], [], [], []];
  const state = lists[0]!;
  for (const ch of c.chunks) {
    const code = ch.code;
    for (let j = 0; j < ch.length; j++) {
      const k = code[j]!;
      const m = kind[k]!;
      if (m !== 0) lists[m]!.push(ch.from + j);
      if (isStateCode(k)) state.push(ch.from + j);
    }
  }
  return {
    irq: Uint32Array.from(lists[MARK_IRQ]!),
    drop: Uint32Array.from(lists[MARK_DROP]!),
    termreq: Uint32Array.from(lists[MARK_TERMREQ]!),
    error: Uint32Array.from(lists[MARK_ERROR]!),
    state: Uint32Array.from(state),
  };
}
