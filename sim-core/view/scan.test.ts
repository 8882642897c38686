import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C_IGB_DMA, C_IGB_RX_MISSED } from '../nic/codes';
import { C_H2C_TERM_REQ, C_SEND_TERM_REQ } from '../spdk/nvmf/codes';
import { MACHINE_RECV, MACHINE_REQ, RECV_STATE_NAMES, REQ_STATE_NAMES } from '../spdk/nvmf/constants';
import { TC } from '../tcp/codes';
import { codeInfo } from '../trace/codes';
import type { TraceRow } from '../trace/columns';
import { STATE_CODE_BASE } from '../trace/machines';
import { type Columns, columnsOf, markers, seek, stateIndex } from './scan';
import { recordingOf } from './testkit';
import type { Breakpoint, Granularity } from './types';

/** Small chunks, so scans cross chunk borders many times. */
const CHUNK = { chunkRows: 256 };

function colsOf(id: string): { cols: Columns; rows: TraceRow[] } {
  const { trace } = recordingOf(id, CHUNK);
  const rows: TraceRow[] = [];
  for (let i = 0; i < trace.length; i++) rows.push(trace.row(i));
  return { cols: columnsOf(trace), rows };
}

/** The brute-force answer: scan the rows one by one with a plain predicate. */
function brute(rows: TraceRow[], from: number, dir: 1 | -1, ok: (i: number) => boolean): number | null {
  for (let i = from + dir; i >= 0 && i < rows.length; i += dir) if (ok(i)) return i;
  return null;
}

const KIND: Record<Granularity, (r: TraceRow) => boolean> = {
  event: () => true,
  function: (r) => r.code < STATE_CODE_BASE,
  packet: (r) => r.code === C_IGB_DMA,
  pdu: (r) => r.code === STATE_CODE_BASE + MACHINE_RECV && r.b === 1,
};

describe('seek by granularity', () => {
  const { cols, rows } = colsOf('ring-overrun');
  const step = fc.integer({ min: -1, max: rows.length });

  for (const g of ['event', 'function', 'packet', 'pdu'] as const) {
    it(`${g}: lands on the nearest row of its kind, both ways, and back undoes forward`, () => {
      fc.assert(
        fc.property(step, (from) => {
          for (const dir of [1, -1] as const) {
            const got = seek(cols, from, dir, g);
            expect(got).toBe(brute(rows, from, dir, (i) => KIND[g](rows[i]!)));
            if (got !== null) expect(KIND[g](rows[got]!)).toBe(true);
          }
          const fwd = seek(cols, from, 1, g);
          if (fwd !== null && from >= 0 && from < rows.length && KIND[g](rows[from]!)) {
            expect(seek(cols, fwd, -1, g)).toBe(from);
          }
        }),
        { numRuns: 200, seed: 7 },
      );
    });
  }

  it('a PDU starts when the receive machine enters AWAIT_PDU_CH from AWAIT_PDU_READY', () => {
    const pdus = rows.filter(KIND.pdu);
    expect(pdus.length).toBeGreaterThan(10);
    for (const r of pdus) expect(RECV_STATE_NAMES[r.a]).toBe('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_READY');
    expect(codeInfo(C_IGB_DMA)?.fn).toMatch(/DMA/);
  });
});

/** Brute-force truth of each breakpoint at row i (backlog: tracks emptiness from the start). */
function truth(rows: TraceRow[], bp: Breakpoint): boolean[] {
  let empty = true;
  const termreq = (code: number) =>
    code === C_SEND_TERM_REQ || code === C_H2C_TERM_REQ || codeInfo(code)?.marker === 'termreq';
  return rows.map((r) => {
    if (bp.kind === 'recv-state') {
      return r.code === STATE_CODE_BASE + MACHINE_RECV && RECV_STATE_NAMES[r.b]!.endsWith(bp.state);
    }
    if (bp.kind === 'req-state') {
      return r.code === STATE_CODE_BASE + MACHINE_REQ && REQ_STATE_NAMES[r.b]!.endsWith(bp.state);
    }
    if (bp.kind === 'ring-overrun') return r.code === C_IGB_RX_MISSED;
    if (bp.kind === 'termreq') return termreq(r.code);
    const hit = r.code === TC.ADD_BACKLOG && r.b === 0 && empty;
    if (r.code === TC.ADD_BACKLOG) empty = false;
    if (r.code === TC.RELEASE_SOCK_BACKLOG) empty = true;
    return hit;
  });
}

describe('breakpoints', () => {
  const cases: [string, Breakpoint][] = [
    ['write-128k-r2t', { kind: 'recv-state', state: 'AWAIT_PDU_PAYLOAD' }],
    ['write-128k-r2t', { kind: 'req-state', state: 'TRANSFERRING_HOST_TO_CONTROLLER' }],
    ['ring-overrun', { kind: 'ring-overrun' }],
    ['backlog', { kind: 'backlog-nonempty' }],
    ['header-digest-error', { kind: 'termreq' }],
    ['bad-h2c-ttag', { kind: 'termreq' }],
  ];
  for (const [id, bp] of cases) {
    it(`${id}: ${JSON.stringify(bp)} finds the nearest matching step, both ways`, () => {
      const { cols, rows } = colsOf(id);
      const t = truth(rows, bp);
      expect(t.some(Boolean)).toBe(true);
      fc.assert(
        fc.property(fc.integer({ min: -1, max: rows.length }), (from) => {
          expect(seek(cols, from, 1, { breakpoint: bp })).toBe(brute(rows, from, 1, (i) => t[i]!));
          expect(seek(cols, from, -1, { breakpoint: bp })).toBe(brute(rows, from, -1, (i) => t[i]!));
        }),
        { numRuns: 150, seed: 11 },
      );
      // Every hit, walked forward from the start, one after the other.
      let at = -1;
      let hits = 0;
      for (
        let s = seek(cols, at, 1, { breakpoint: bp });
        s !== null;
        s = seek(cols, at, 1, { breakpoint: bp })
      ) {
        expect(t[s]).toBe(true);
        at = s;
        hits++;
      }
      expect(hits).toBe(t.filter(Boolean).length);
    });
  }

  it('names states by their full upstream name or its end; an unknown one is an error', () => {
    expect(stateIndex(RECV_STATE_NAMES, 'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH')).toBe(1);
    expect(stateIndex(RECV_STATE_NAMES, 'AWAIT_PDU_CH')).toBe(1);
    expect(stateIndex(REQ_STATE_NAMES, 'EXECUTING')).toBe(9);
    expect(() => stateIndex(RECV_STATE_NAMES, 'NOPE')).toThrow(/unknown state 'NOPE'/);
  });

  it('scans ten million rows well under a second', () => {
    const n = 10_000_000;
    const code = new Uint16Array(n);
    code[n - 5] = C_IGB_RX_MISSED;
    const zeros = new Int32Array(n);
    const chunkRows = 1 << 16;
    const chunks = [];
    for (let from = 0; from < n; from += chunkRows) {
      const len = Math.min(chunkRows, n - from);
      chunks.push({
        from,
        length: len,
        t: new Float64Array(0),
        code: code.subarray(from, from + len),
        obj: new Uint32Array(zeros.buffer, from * 4, len),
        a: zeros.subarray(from, from + len),
        b: zeros.subarray(from, from + len),
      });
    }
    const cols: Columns = { length: n, shift: 16, mask: chunkRows - 1, chunks };
    const t0 = performance.now();
    expect(seek(cols, -1, 1, { breakpoint: { kind: 'ring-overrun' } })).toBe(n - 5);
    expect(seek(cols, -1, 1, { breakpoint: { kind: 'recv-state', state: 'ERROR' } })).toBe(null);
    expect(seek(cols, n, -1, { breakpoint: { kind: 'backlog-nonempty' } })).toBe(null);
    const ms = (performance.now() - t0) / 3;
    expect(ms).toBeLessThan(1000);
  });
});

describe('markers', () => {
  it('lists marked rows and state rows in order, each of its kind', () => {
    const { cols, rows } = colsOf('ring-overrun');
    const m = markers(cols);
    for (const [kind, steps] of Object.entries(m) as [string, Uint32Array][]) {
      for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
      for (const s of steps) {
        const code = rows[s]!.code;
        if (kind === 'state') expect(code).toBeGreaterThanOrEqual(STATE_CODE_BASE);
        else expect(codeInfo(code)?.marker).toBe(kind);
      }
    }
    expect(m.drop.length).toBe(rows.filter((r) => codeInfo(r.code)?.marker === 'drop').length);
    expect(m.irq.length).toBeGreaterThan(0);
    expect(m.state.length).toBe(rows.filter((r) => r.code >= STATE_CODE_BASE).length);
  });
});
