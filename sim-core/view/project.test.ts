import { describe, expect, it } from 'vitest';
import type { World } from '../engine/world';
import { PRESET_IDS } from '../scenario';
import { recvMachine, reqMachine } from '../spdk/nvmf/machines';
import { worldDigest } from '../trace/hash';
import { restoreAt } from '../trace/restore';
import { HOOKS } from '../setup';
import { viewOf } from './project';
import { describeRow } from './row';
import { atBoundaries, lcg, recordingOf } from './testkit';
import type { ViewState } from './types';

const RECV_STATES = Object.keys(recvMachine.config.states ?? {});
const REQ_STATES = Object.keys(reqMachine.config.states ?? {});

const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;

/** Collects broken facts as readable lines (one expect per view keeps the tests fast). */
class Facts {
  readonly broken: string[] = [];
  check(what: string, ok: boolean): void {
    if (!ok && this.broken.length < 20) this.broken.push(what);
  }
  eq(what: string, got: unknown, want: unknown): void {
    this.check(`${what}: ${String(got)} != ${String(want)}`, got === want);
  }
}

/** Facts that hold at every row, even inside an event. */
function alwaysFacts(f: Facts, v: ViewState): void {
  const r = v.ring;
  f.eq('slots', r.slots.length, r.count);
  f.eq('frames', r.frames.length, r.count);
  f.eq('colors', r.colors.length, r.count);
  f.check(`recv state ${v.pdu.recvState}`, RECV_STATES.includes(v.pdu.recvState));
  f.eq('recv state index', v.pdu.recvState, RECV_STATES[v.pdu.recvStateIndex]);
  const hdr = v.pdu.chValid >= 8 ? 8 + v.pdu.pshValid : v.pdu.chValid;
  f.check('header bytes', v.pdu.header.length <= hdr);
  for (const q of v.reqs) {
    f.check(`req state ${q.state}`, REQ_STATES.includes(q.state));
    let sum = 0;
    for (const iov of q.iovs) {
      f.check(`req ${q.idx} iov fill ${iov.filled}/${iov.len}`, iov.filled >= 0 && iov.filled <= iov.len);
      sum += iov.filled;
    }
    f.check(`req ${q.idx} fill ${sum} > length ${q.length}`, sum <= q.length);
  }
  const t = v.tcp;
  // Queued skbs are in sequence order: the receive queue without holes, out-of-order ascending.
  if (t.totals.receive.cut === 0) {
    for (let i = 1; i < t.receive.length; i++)
      f.eq('receive queue hole', t.receive[i]!.seq, t.receive[i - 1]!.end);
  }
  for (let i = 1; i < t.ofo.length; i++) f.check('ofo order', ((t.ofo[i]!.seq - t.ofo[i - 1]!.end) | 0) >= 0);
  for (const s of [...t.receive, ...t.ofo, ...t.backlog, ...v.gro.held]) {
    f.eq(`skb ${s.id} range`, (s.end - s.seq) >>> 0, s.len);
    let at = 0;
    for (const [off, len] of s.spans) {
      f.eq(`skb ${s.id} span`, off, at);
      at += len;
    }
    f.check(`skb ${s.id} spans past its end`, at <= s.len);
  }
  if (v.pipe !== null) {
    const p = v.pipe;
    f.eq('pipe bytes', p.bytes, p.full ? p.sz : (p.write - p.read + p.sz) % p.sz);
  }
  const c = v.ledger.cpuCopiesPerPayloadByte;
  f.check(`copies per byte ${c}`, c === 0 || (c >= 1 && c <= 2));
}

/** Facts of a whole world: between events, where every stage has finished its update. */
function boundaryFacts(f: Facts, w: World, v: ViewState): void {
  alwaysFacts(f, v);
  const r = v.ring;
  // The ring's regions ([head, ntu) armed, [ntc, head) done, the rest cleaned) match the slots,
  // and the cleaned ones are igb_desc_unused plus the one slot always kept out.
  f.eq('armed slots', count(r.slots, 1), r.armed);
  f.eq('done slots', count(r.slots, 2), r.done);
  f.eq('unarmed slots', count(r.slots, 0), r.unused + 1);
  const t = v.tcp;
  if (t.established) {
    const q = t.receive;
    const head = q[0];
    if (head !== undefined) {
      f.eq('receive head', (head.seq + head.consumed) >>> 0, t.copiedSeq);
      f.eq('receive tail', q[q.length - 1]!.end, t.rcvNxt);
    }
    f.eq('readable', t.totals.receive.bytes - (head?.consumed ?? 0), (t.rcvNxt - t.copiedSeq) >>> 0);
    for (const s of t.ofo) f.check('ofo beyond rcv_nxt', ((s.seq - t.rcvNxt) | 0) > 0);
    f.eq('backlog len', t.backlogLen, w.tcp.backlogLen);
  }
  const l = v.ledger;
  f.eq('kernel copies', l.kernelCopyBytes, l.pipeBytes + l.directBytes);
  if (w.tcp !== null) f.eq('kernel copies = tcp copied', l.kernelCopyBytes, w.tcp.acct.copiedBytes);
  if (v.pipe !== null) f.eq('pipe = in - out', v.pipe.bytes, l.pipeBytes - l.pipeCopyBytes);
}

describe('viewOf between events', () => {
  for (const id of PRESET_IDS) {
    it(`${id}: ring, queues, pipe, PDU, requests and ledger agree with the world`, () => {
      let n = 0;
      const f = new Facts();
      // About 200 sampled events per preset (events are about a third of the rows).
      const every = Math.max(1, Math.floor(recordingOf(id).trace.length / 600));
      atBoundaries(id, every, (w) => {
        const v = viewOf(w, null, 0);
        boundaryFacts(f, w, v);
        const size = JSON.stringify(v).length;
        f.check(`view of ${size} bytes`, size < 64 * 1024);
        n++;
      });
      expect(f.broken).toEqual([]);
      expect(n).toBeGreaterThan(3);
    });
  }
});

describe('viewOf at rows (restored worlds)', () => {
  for (const id of ['write-128k-r2t', 'pipe-wrap', 'ring-overrun', 'out-of-order', 'data-digest-error']) {
    it(`${id}: facts hold at any row; pure, deterministic, JSON-clean and small`, () => {
      const { trace, keyframes } = recordingOf(id);
      const next = lcg(id.length * 7919);
      for (let k = 0; k < 12; k++) {
        const step = Math.floor(next() * trace.length);
        const w = restoreAt(keyframes, step, HOOKS);
        const row = describeRow(step, trace.row(step));
        const before = worldDigest(w);
        const v = viewOf(w, row, trace.length);
        expect(worldDigest(w)).toBe(before);
        expect(viewOf(structuredClone(w), row, trace.length)).toEqual(v);
        const json = JSON.stringify(v);
        expect(JSON.parse(json)).toEqual(v);
        expect(json.length).toBeLessThan(64 * 1024);
        expect(v.step).toBe(step);
        const f = new Facts();
        alwaysFacts(f, v);
        expect(f.broken).toEqual([]);
      }
    });
  }
});

describe('PDU colours', () => {
  it('write-128k-r2t: every queued payload byte maps to a host PDU of an issued command', () => {
    let mapped = 0;
    atBoundaries('write-128k-r2t', 3, (w) => {
      const v = viewOf(w, null, 0);
      const issued = w.host.nvme.nextCid;
      for (const s of [...v.tcp.receive, ...v.tcp.ofo, ...v.tcp.backlog]) {
        expect(s.spans.reduce((a, x) => a + x[1], 0)).toBe(s.len);
        expect(s.pduColor).toBe(s.spans[0]![2]);
        for (const [, , cid, pduId] of s.spans) {
          expect(pduId).toBeGreaterThan(0);
          expect(cid).toBeLessThan(issued + 1);
        }
        mapped++;
      }
      v.ring.colors.forEach((c, i) => {
        if (v.ring.slots[i] === 2 && c >= 0) expect(c).toBeLessThan(issued + 1);
      });
    });
    expect(mapped).toBeGreaterThan(0);
  });
});
