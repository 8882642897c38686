import { describe, expect, it } from 'vitest';
import type { World } from '../engine/world';
import { DESC_DONE } from '../nic/codes';
import { readRxHeaders } from '../nic/rx-skb';
import { skbCopyBits, skbEndSeq } from '../skb/skb';
import { HOOKS } from '../setup';
import {
  OFF_CH_VALID_BYTES,
  OFF_PSH_VALID_BYTES,
  RS_AWAIT_PDU_PSH,
  RS_AWAIT_PDU_READY,
} from '../spdk/nvmf/constants';
import { spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { worldDigest } from '../trace/hash';
import { restoreAt } from '../trace/restore';
import { getU16LE, getU32BE, getU32LE } from '../wire/bytes';
import { PDU_TYPES } from '../wire/nvme-tcp/constants';
import { inspect } from './inspect';
import { skbPlaces } from './inspect-skb';
import { type InspectHex, type InspectSelection, type InspectView, MAX_HEX_BYTES } from './inspect-types';
import { atBoundaries, lcg, recordingOf, TEN_G } from './testkit';

/** Worlds at sampled rows of a preset (restored exactly, also inside events). */
function worldsOf(id: string, count: number, seed: number): World[] {
  const { trace, keyframes } = recordingOf(id);
  const rnd = lcg(seed);
  const out: World[] = [];
  for (let k = 0; k < count; k++) out.push(restoreAt(keyframes, Math.floor(rnd() * trace.length), HOOKS));
  return out;
}

const PRESETS = [TEN_G, 'pipe-wrap', 'backlog', 'ring-overrun', 'write-4k-incapsule', 'write-128k-r2t'];
const SAMPLES = new Map(PRESETS.map((id, i) => [id, worldsOf(id, 24, 7 + i)]));
const ALL = [...SAMPLES.values()].flat();

/** Labels tile the bytes exactly; consumed runs are inside, in order, apart; the cap holds. */
function checkHex(h: InspectHex): void {
  expect(h.bytes.length).toBeLessThanOrEqual(MAX_HEX_BYTES);
  expect(h.total).toBeGreaterThanOrEqual(h.bytes.length);
  let at = 0;
  for (const l of h.labels) {
    expect(l.offset).toBe(at);
    expect(l.length).toBeGreaterThan(0);
    expect(l.name).not.toBe('');
    at += l.length;
  }
  expect(at).toBe(h.bytes.length);
  let end = -1;
  for (const [a, n] of h.consumed) {
    expect(a).toBeGreaterThan(end);
    expect(n).toBeGreaterThan(0);
    expect(a + n).toBeLessThanOrEqual(h.bytes.length);
    end = a + n;
  }
  if (h.consumed.length > 0) expect(h.consumedWhy).not.toBe('');
  if (h.total > h.bytes.length) expect(h.caption).toContain(`first ${h.bytes.length} of ${h.total}`);
  expect(h.bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)).toBe(true);
}

function value(v: InspectView, name: string): string {
  const f = v.fields.find((x) => x.name === name);
  if (f === undefined)
    throw new Error(`no field ${name} in ${v.title}: ${v.fields.map((x) => x.name).join(', ')}`);
  return f.value;
}

/** The bytes of a label. */
function labelBytes(h: InspectHex, name: string, from = 0): { at: number; bytes: number[] }[] {
  return h.labels
    .filter((l) => l.name === name && l.offset >= from)
    .map((l) => ({ at: l.offset, bytes: h.bytes.slice(l.offset, l.offset + l.length) }));
}

/**
 * Payload labelled as a PDU common header must read as one: a known type and its fixed hlen
 * (this checks the sequence number to PDU mapping against the bytes themselves).
 */
function checkPduHeadersInPayload(h: InspectHex): number {
  let seen = 0;
  for (const l of h.labels) {
    if (l.name !== 'ch.pdu_type') continue;
    const next = h.labels[h.labels.indexOf(l) + 2];
    if (next === undefined || next.name !== 'ch.hlen') continue;
    const info = PDU_TYPES[h.bytes[l.offset]!];
    expect(info, `byte at ${l.offset} labelled ch.pdu_type`).toBeDefined();
    expect(h.bytes[next.offset]).toBe(info!.hlen);
    seen++;
  }
  return seen;
}

/** Only plain objects, arrays, strings, finite numbers, booleans (what crosses postMessage and JSON alike). */
function isPlain(x: unknown): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(isPlain);
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.values(x as object).every((v) => v !== undefined && isPlain(v));
  }
  return false;
}

function isConsumed(h: InspectHex, i: number): boolean {
  return h.consumed.some(([a, n]) => i >= a && i < a + n);
}

function everySelection(w: World): InspectSelection[] {
  const sels: InspectSelection[] = [];
  for (let i = 0; i < w.nic.count; i += Math.max(1, Math.floor(w.nic.count / 16)))
    sels.push({ kind: 'slot', id: i });
  for (const p of skbPlaces(w)) sels.push({ kind: 'skb', id: p.skb.id });
  for (const id of [0, 1, 2]) sels.push({ kind: 'queue', id });
  for (const c of w.cpu.cores) sels.push({ kind: 'cpu', id: c.id });
  sels.push({ kind: 'pipe', id: 0 });
  if (w.nvmf.pdu !== null) sels.push({ kind: 'pdu', id: w.nvmf.pdu.id });
  for (const r of w.nvmf.reqs) if (r.state !== 0 || r.idx % 16 === 0) sels.push({ kind: 'req', id: r.idx });
  return sels;
}

describe('inspect: every kind, sampled rows of several presets', () => {
  it('labels tile the hex bytes exactly, never past the cap, and the views are plain data', () => {
    let views = 0;
    for (const w of ALL) {
      for (const sel of [null, ...everySelection(w)]) {
        const v = inspect(w, sel);
        expect(v.selection).toEqual(sel);
        expect(v.title).not.toBe('');
        expect(v.summary).not.toBe('');
        if (v.hex !== null) checkHex(v.hex);
        expect(isPlain(v)).toBe(true);
        views++;
      }
    }
    expect(views).toBeGreaterThan(500);
  });

  it('reads the world and never changes it', () => {
    for (const w of ALL.slice(0, 40)) {
      const before = worldDigest(w);
      for (const sel of [null, ...everySelection(w)]) inspect(w, sel);
      expect(worldDigest(w)).toBe(before);
    }
  });

  it('a descriptor shows its write-back fields and the bytes of its buffer, frame fields labelled', () => {
    let framed = 0;
    for (const w of ALL) {
      w.nic.desc.forEach((d, i) => {
        if (d.frame === null || i % 7 !== 0) return;
        const v = inspect(w, { kind: 'slot', id: i });
        expect(v.present).toBe(true);
        expect(value(v, 'wb.upper.length')).toBe(String(d.len));
        expect(value(v, 'wb.upper.status_error')).toBe(d.eop ? '0x0003' : '0x0001');
        const h = v.hex!;
        expect(h.bytes).toEqual(Array.from(d.frame.subarray(d.off, d.off + Math.min(d.len, MAX_HEX_BYTES))));
        if (d.off === 0) {
          const seq = labelBytes(h, 'tcp.seq')[0]!;
          expect(seq.at).toBe(38);
          expect(getU32BE(Uint8Array.from(seq.bytes), 0)).toBe(readRxHeaders(d.frame).seq);
          expect(h.labels[0]).toMatchObject({ name: 'eth.dst', group: 'Ethernet', offset: 0, length: 6 });
        }
        checkPduHeadersInPayload(h);
        framed++;
      });
      const armed = w.nic.desc.findIndex((d) => d.frame === null);
      if (armed >= 0) expect(inspect(w, { kind: 'slot', id: armed }).hex).toBeNull();
    }
    expect(framed).toBeGreaterThan(20);
  });

  it('a done descriptor is owned by the driver, waiting for igb_clean_rx_irq', () => {
    const w = ALL.find((x) => x.nic.desc.some((d) => d.state === DESC_DONE));
    expect(w).toBeDefined();
    const i = w!.nic.desc.findIndex((d) => d.state === DESC_DONE);
    const v = inspect(w!, { kind: 'slot', id: i });
    expect(value(v, 'state')).toBe('done');
    expect(v.fields[0]!.note).toContain('igb_clean_rx_irq');
  });

  it('an skb shows seq, end_seq, truesize, gso_segs; its payload bytes, pulled headers and copied bytes struck through', () => {
    let skbs = 0;
    let pduHeaders = 0;
    const places = new Set<string>();
    for (const w of ALL) {
      for (const p of skbPlaces(w)) {
        const s = p.skb;
        const v = inspect(w, { kind: 'skb', id: s.id });
        expect(v.present).toBe(true);
        expect(value(v, 'TCP_SKB_CB(skb)->seq')).toBe(String(s.seq >>> 0));
        expect(value(v, 'TCP_SKB_CB(skb)->end_seq')).toBe(String(skbEndSeq(s)));
        expect(value(v, 'truesize')).toBe(String(s.truesize));
        expect(value(v, 'skb_shinfo(skb)->gso_segs')).toBe(String(s.segs));
        expect(value(v, 'where')).toBe(p.where);
        const h = v.hex!;
        const head = h.labels.findIndex((l) => !['Ethernet', 'IPv4', 'TCP'].includes(l.group));
        const payAt = head < 0 ? h.bytes.length : h.labels[head]!.offset;
        const want = new Uint8Array(Math.min(s.len, h.bytes.length - payAt));
        skbCopyBits(s, 0, want, 0, want.length);
        expect(h.bytes.slice(payAt)).toEqual(Array.from(want));
        // Pulled headers: a prefix of the header bytes; copied payload right after the headers.
        const pulled = h.consumed[0];
        if (p.pulled === 'none') expect(pulled === undefined || pulled[0] >= payAt).toBe(true);
        else expect(pulled?.[0]).toBe(0);
        if (p.pulled === 'all') expect(pulled![1]).toBeGreaterThanOrEqual(payAt);
        if (s.consumed > 0) {
          const shown = (i: number) => i < h.bytes.length;
          expect(isConsumed(h, payAt)).toBe(true);
          if (shown(payAt + s.consumed - 1)) expect(isConsumed(h, payAt + s.consumed - 1)).toBe(true);
          if (shown(payAt + s.consumed)) expect(isConsumed(h, payAt + s.consumed)).toBe(false);
        }
        pduHeaders += checkPduHeadersInPayload(h);
        places.add(p.where.replace(/\[\d+\]/, ''));
        skbs++;
      }
    }
    expect(skbs).toBeGreaterThan(10);
    expect(pduHeaders).toBeGreaterThan(0);
    expect(places.size).toBeGreaterThanOrEqual(3);
  });

  it('a queue lists its skbs and totals', () => {
    for (const w of ALL) {
      const t = w.tcp;
      if (t === null) continue;
      [t.backlog, t.receiveQueue, t.ofoQueue].forEach((q, id) => {
        const v = inspect(w, { kind: 'queue', id });
        expect(value(v, 'skbs')).toBe(String(q.length));
        expect(value(v, 'payload bytes')).toBe(String(q.reduce((n, s) => n + s.len, 0)));
        expect(v.fields.filter((f) => f.name.includes('skb #')).length).toBe(Math.min(q.length, 32));
      });
    }
  });

  it('the pipe shows read, write, full and its bytes in reading order, which end at copied_seq', () => {
    let held = 0;
    for (const w of ALL) {
      const p = w.sock.recvPipe;
      const v = inspect(w, { kind: 'pipe', id: 0 });
      if (p === null) {
        expect(v.present).toBe(false);
        continue;
      }
      expect(value(v, 'sz')).toBe(String(p.sz));
      expect(value(v, 'read')).toBe(String(p.read));
      expect(value(v, 'write')).toBe(String(p.write));
      expect(value(v, 'full')).toBe(p.full ? 'yes' : 'no');
      const avail = spdkPipeReaderBytesAvailable(p);
      if (avail === 0) {
        expect(v.hex).toBeNull();
        continue;
      }
      const h = v.hex!;
      const want: number[] = [];
      for (let i = 0; i < Math.min(avail, MAX_HEX_BYTES); i++) want.push(p.buf[(p.read + i) % p.sz]!);
      expect(h.bytes).toEqual(want);
      expect(h.base).toBe(p.read);
      expect(h.modulo).toBe(p.sz);
      checkPduHeadersInPayload(h);
      held++;
    }
    expect(held).toBeGreaterThan(3);
  });

  it("between events, the byte at the pipe's read head is the one the receive machine reads next", () => {
    let ready = 0;
    let psh = 0;
    for (const id of ['pipe-wrap', TEN_G]) {
      atBoundaries(id, 5, (w) => {
        const p = w.sock.recvPipe;
        if (p === null || spdkPipeReaderBytesAvailable(p) === 0) return;
        const first = inspect(w, { kind: 'pipe', id: 0 }).hex!.labels[0]!;
        // Simplification (inspect-hex.ts): a PDU the host no longer keeps is not named.
        if (first.name === 'tcp.payload') return;
        const pdu = w.nvmf.pdu;
        if (w.nvmf.recv.state === RS_AWAIT_PDU_READY) {
          expect(first.name).toBe('ch.pdu_type');
          ready++;
        } else if (
          w.nvmf.recv.state === RS_AWAIT_PDU_PSH &&
          pdu !== null &&
          pdu.img[OFF_PSH_VALID_BYTES] === 0
        ) {
          // The same PDU the machine is on, right after its common header.
          // (With only the common header in, the PDU in progress cannot name its cid yet.)
          expect(first.group.startsWith(inspect(w, null).hex!.labels[0]!.group)).toBe(true);
          expect(first.name.startsWith('ch.')).toBe(false);
          psh++;
        }
      });
    }
    expect(ready).toBeGreaterThan(5);
    expect(psh).toBeGreaterThan(5);
  });

  it('nothing selected shows the PDU in progress: its header fields and received bytes', () => {
    let headers = 0;
    let payloads = 0;
    for (const w of ALL) {
      const p = w.nvmf.pdu;
      const v = inspect(w, null);
      expect(v.kind).toBe('pdu');
      expect(v.selection).toBeNull();
      expect(v.title).toContain('PDU in progress');
      expect(v.summary).toContain('Nothing selected');
      if (p === null) continue;
      expect(v.id).toBe(p.id);
      const chValid = p.img[OFF_CH_VALID_BYTES]!;
      expect(value(v, 'ch_valid_bytes')).toBe(String(chValid));
      expect(value(v, 'rw_offset')).toBe(String(p.rwOffset));
      if (chValid < 8) continue;
      headers++;
      expect(value(v, 'ch.plen')).toBe(String(getU32LE(p.img, 4)));
      expect(value(v, 'ch.hlen')).toBe(String(p.img[2]));
      const h = v.hex!;
      expect(h.labels.slice(0, 5).map((l) => l.name)).toEqual([
        'ch.pdu_type',
        'ch.flags',
        'ch.hlen',
        'ch.pdo',
        'ch.plen',
      ]);
      expect(h.bytes.slice(0, 8)).toEqual(Array.from(p.img.subarray(0, 8)));
      const data = h.labels.find((l) => l.name === 'data');
      if (data !== undefined && p.rwOffset > 0 && p.dataIov[0] !== undefined) {
        const r = p.dataIov[0];
        const buf = w.nvmf.iobuf.bufs[r.idx] ?? w.nvmf.reqs[r.idx]?.icd ?? null;
        if (r.space === 0 && buf !== null) {
          const n = Math.min(data.length, r.len, 64);
          expect(h.bytes.slice(data.offset, data.offset + n)).toEqual(
            Array.from(buf.subarray(r.off, r.off + n)),
          );
          payloads++;
        }
      }
    }
    expect(headers).toBeGreaterThan(10);
    expect(payloads).toBeGreaterThan(0);
  });

  it('a tcp_req shows its state, command fields and the SQE bytes', () => {
    for (const w of ALL.slice(0, 60)) {
      for (const r of w.nvmf.reqs) {
        const v = inspect(w, { kind: 'req', id: r.idx });
        expect(value(v, 'state')).toMatch(/^TCP_REQUEST_STATE_/);
        expect(value(v, 'sqe.cid')).toContain(`${getU16LE(r.cmd, 2)} (`);
        expect(value(v, 'req.length')).toBe(String(r.length));
        expect(v.hex!.bytes.slice(0, 64)).toEqual(Array.from(r.cmd));
        expect(v.fields.filter((f) => f.name.startsWith('req->iov[')).length).toBe(r.iov.length);
      }
    }
  });

  it('a core shows what runs on it; core 0 the softirq, the reactor core the reactor', () => {
    const w = ALL[5]!;
    const v0 = inspect(w, { kind: 'cpu', id: 0 });
    expect(value(v0, 'net_rx_action budget left')).toMatch(/^\d+$/);
    const vr = inspect(w, { kind: 'cpu', id: w.cpu.reactorCore });
    expect(value(vr, 'reactor polls')).toBe(String(w.reactor.polls));
  });
});

describe('inspect: a selection that names nothing at this step', () => {
  const w = ALL[3]!;
  const bad: unknown[] = [
    { kind: 'slot', id: -1 },
    { kind: 'slot', id: 1e9 },
    { kind: 'slot', id: 1.5 },
    { kind: 'skb', id: 0 },
    { kind: 'skb', id: 2 ** 31 },
    { kind: 'queue', id: 3 },
    { kind: 'cpu', id: 9 },
    { kind: 'pdu', id: 123456789 },
    { kind: 'req', id: 4096 },
    { kind: 'req', id: Number.NaN },
    { kind: 'bogus', id: 1 },
    { kind: 'slot' },
    'slot',
    42,
  ];
  it.each(bad.map((b) => [JSON.stringify(b), b]))(
    '%s gives a plain "not present" view, never a throw',
    (_, sel) => {
      const v = inspect(w, sel as InspectSelection);
      expect(v.present).toBe(false);
      expect(v.fields).toEqual([]);
      expect(v.hex).toBeNull();
      expect(v.summary.length).toBeGreaterThan(20);
    },
  );

  it('an skb that is gone says so and keeps the selection', () => {
    const { keyframes } = recordingOf('write-4k-incapsule');
    const w1 = restoreAt(keyframes, 400, HOOKS);
    const any = ALL.flatMap((x) => skbPlaces(x)).find(
      (p) => !skbPlaces(w1).some((q) => q.skb.id === p.skb.id),
    );
    expect(any).toBeDefined();
    const sel = { kind: 'skb' as const, id: any!.skb.id };
    const v = inspect(w1, sel);
    expect(v.present).toBe(false);
    expect(v.selection).toEqual(sel);
    expect(v.summary).toContain('not present at this step');
  });
});
