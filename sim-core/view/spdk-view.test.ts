/**
 * The SPDK parts of the view that colour bytes by PDU: the recv pipe's held bytes cut by PDU
 * (PipeView.spans) and the PDU in progress's stream cid (PduView.streamCid). Checked against the
 * bytes themselves: what the pipe's buffer holds must be what the host wrote for that PDU.
 */
import { describe, expect, it } from 'vitest';
import type { World } from '../engine/world';
import type { Chunk } from '../host/state';
import { patternByte } from '../ledger/pattern';
import { chunkCid } from './color';
import { pduView } from './pdu';
import { pipeView } from './pipe';
import { MAX_PIPE_SPANS } from './pipe-spans';
import { atBoundaries } from './testkit';

/** The byte at offset `at` of a host chunk (literal header bytes or the payload pattern). */
function chunkByte(c: Chunk, at: number): number {
  let start = 0;
  for (const p of c.parts) {
    const len = 'bytes' in p ? p.bytes.length : p.len;
    if (at < start + len) return 'bytes' in p ? p.bytes[at - start]! : patternByte(p.cid, p.off + at - start);
    start += len;
  }
  throw new RangeError(`offset ${at} past chunk ${c.id}`);
}

/** Every chunk the host wrote, remembered after the host forgets it (ordered by stream offset). */
class History {
  readonly chunks: Chunk[] = [];
  note(w: World): void {
    const q = w.host.tcp.q;
    const last = this.chunks.at(-1)?.off ?? -1;
    for (const c of q) if (c.off > last) this.chunks.push(c);
  }
  at(off: number): Chunk | undefined {
    return this.chunks.find((c) => off >= c.off && off < c.off + c.len);
  }
}

/** Broken facts of the pipe's spans in world `w` (empty when all hold), and the bytes named. */
function pipeSpanFaults(w: World, h: History): { faults: string[]; named: number; held: number } {
  const v = pipeView(w, null);
  const pipe = w.sock.recvPipe;
  if (v === null || pipe === null) return { faults: [], named: 0, held: 0 };
  const faults: string[] = [];
  let at = 0;
  let named = 0;
  for (const [off, len, cid, pduId] of v.spans) {
    if (off !== at) faults.push(`span at ${off}, expected ${at}`);
    at = off + len;
    if (cid < 0) continue;
    named += len;
    // Stream offset of the span: the held range ends at copied_seq.
    const so = (w.tcp.copiedSeq - v.bytes + off - w.tcp.irs) >>> 0;
    const c = h.at(so);
    if (c === undefined) {
      faults.push(`no host chunk at ${so}`);
      continue;
    }
    if (pduId >= 0 && pduId !== c.id) faults.push(`span ${off} names PDU ${pduId}, host wrote ${c.id}`);
    if (cid !== chunkCid(c)) faults.push(`span ${off} has cid ${cid}, host wrote ${chunkCid(c)}`);
    if (off > 0 && so !== c.off) faults.push(`span ${off} starts inside PDU ${c.id}`);
    if (so + len > c.off + c.len) faults.push(`span ${off} runs past PDU ${c.id}`);
    for (let k = 0; k < len; k++) {
      const got = pipe.buf[(pipe.read + off + k) % pipe.sz]!;
      const want = chunkByte(c, so - c.off + k);
      if (got !== want) {
        faults.push(`pipe byte ${off + k} (cid ${cid}) is ${got}, host wrote ${want}`);
        break;
      }
    }
  }
  if (at > v.bytes) faults.push(`spans cover ${at} > ${v.bytes} held`);
  return { faults, named, held: v.bytes };
}

describe('PipeView.spans: the held bytes cut by PDU', () => {
  for (const id of ['pipe-wrap', 'write-4k-incapsule', 'multi-iov-request', 'write-128k-r2t']) {
    it(`${id}: each span holds the bytes the host wrote for its PDU, from the read head on`, () => {
      const faults: string[] = [];
      const h = new History();
      let named = 0;
      let held = 0;
      let wrapped = 0;
      atBoundaries(id, 1, (w) => {
        h.note(w);
        const r = pipeSpanFaults(w, h);
        if (faults.length < 10) faults.push(...r.faults);
        named += r.named;
        held += r.held;
        const p = w.sock.recvPipe;
        if (p !== null && r.held > 0 && p.read + r.held > p.sz) wrapped++;
      });
      expect(faults).toEqual([]);
      // Between events every held byte is named (the walk covers what the host forgot).
      expect(held).toBeGreaterThan(0);
      expect(named).toBe(held);
      if (id === 'pipe-wrap') expect(wrapped).toBeGreaterThan(0);
    });
  }

  it('says whether an emptied pipe rewinds (v24.09) or keeps its offsets (pipe-wrap)', () => {
    const rewinds = (id: string) => {
      let seen: boolean | null = null;
      atBoundaries(id, 50, (w) => {
        seen = pipeView(w, null)?.rewindOnEmpty ?? seen;
      });
      return seen;
    };
    expect(rewinds('write-4k-incapsule')).toBe(true);
    expect(rewinds('pipe-wrap')).toBe(false);
  });

  it('stays within MAX_PIPE_SPANS pieces', () => {
    let most = 0;
    atBoundaries('pipe-wrap', 5, (w) => {
      most = Math.max(most, pipeView(w, null)?.spans.length ?? 0);
    });
    expect(most).toBeGreaterThan(8);
    expect(most).toBeLessThanOrEqual(MAX_PIPE_SPANS);
  });
});

describe('PduView.streamCid', () => {
  for (const id of ['write-4k-incapsule', 'write-128k-r2t', 'pipe-wrap']) {
    it(`${id}: names the header's cid once it is read, and is known before that`, () => {
      const faults: string[] = [];
      let early = 0;
      atBoundaries(id, 1, (w) => {
        const v = pduView(w);
        const named = v.type === 'CapsuleCmd' || v.type === 'H2CData';
        if (named && v.cid >= 0 && v.streamCid !== v.cid && faults.length < 10) {
          faults.push(`PDU ${v.id} ${v.type} cid ${v.cid}, stream cid ${v.streamCid}`);
        }
        if (v.cid < 0 && v.chValid > 0 && v.streamCid >= 0) early++;
      });
      expect(faults).toEqual([]);
      expect(early).toBeGreaterThan(0);
    });
  }
});
