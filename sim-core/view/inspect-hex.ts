/**
 * Building the inspector's hex view: bytes appended piece by piece (never past MAX_HEX_BYTES),
 * each piece with its labels from the wire field maps, so the labels tile the bytes exactly.
 *
 * TCP payload bytes are labelled by the NVMe/TCP PDU fields they carry: a byte's TCP sequence
 * number gives its offset in the host's stream, the host's send queue gives the PDU there
 * (view/color.ts), and the PDU field map names the byte. So a byte in a ring buffer, an skb or
 * the pipe says "CapsuleCmd cid 3 · sqe.opcode" as Wireshark would after reassembly.
 *
 * Simplification: bytes whose PDU the host no longer keeps (acknowledged long ago) and raw-stream
 * scenarios are labelled plain `tcp.payload`.
 */
import type { Chunk } from '../host/state';
import type { World } from '../engine/world';
import { type FieldLabel, frameFieldMap } from '../wire/field-map';
import { pduFieldMap } from '../wire/nvme-tcp/field-map';
import { getU32LE } from '../wire/bytes';
import { PDU_H2C_DATA, pduTypeName } from '../wire/nvme-tcp/constants';
import { chunkAt, chunkCid } from './color';
import { type HexLabel, type InspectHex, MAX_HEX_BYTES } from './inspect-types';

/** Labels of `labels` that fall in [from, to), cut to it and moved by `shift`. */
export function clipLabels(
  labels: readonly FieldLabel[],
  from: number,
  to: number,
  shift: number,
  group: (name: string) => string,
  cid: number,
): HexLabel[] {
  const out: HexLabel[] = [];
  for (const l of labels) {
    const a = Math.max(l.offset, from);
    const b = Math.min(l.offset + l.length, to);
    if (b > a) out.push({ name: l.name, offset: a + shift, length: b - a, group: group(l.name), cid });
  }
  return out;
}

/** The layer of a frame field by its name's prefix. */
export function frameGroup(name: string): string {
  if (name.startsWith('eth.')) return 'Ethernet';
  if (name.startsWith('ip.')) return 'IPv4';
  return 'TCP';
}

/**
 * The group of a PDU's bytes, e.g. 'CapsuleCmd cid 3' or 'H2CData cid 3 datao 65536': the same
 * words for the host's PDU in the stream and for the target's PDU in progress (their trace ids
 * differ: each side numbers its own objects).
 */
export function pduGroup(header: Uint8Array, have: number, cid: number): string {
  if (have < 1) return 'NVMe/TCP PDU';
  const type = header[0]!;
  const who = cid >= 0 ? ` cid ${cid}` : '';
  const datao = type === PDU_H2C_DATA && have >= 16 ? ` datao ${getU32LE(header, 12)}` : '';
  return `${pduTypeName(type)}${who}${datao}`;
}

/**
 * Labels of a chunk's PDU, by chunk. A host chunk never changes once queued (its parts are
 * immutable), so its labels can be kept: a replay inspects many rows over the same chunks.
 * Not world state (a restored world's chunks are new objects and get new entries).
 */
const chunkLabelCache = new WeakMap<Chunk, { len: number; labels: FieldLabel[] }>();

/** The group name of a host chunk's PDU (see pduGroup). */
export function chunkGroup(c: Chunk): string {
  const first = c.parts[0];
  const head = first !== undefined && 'bytes' in first ? first.bytes : new Uint8Array(0);
  return pduGroup(head, head.length, chunkCid(c));
}

/** Field labels over the whole PDU a host chunk holds (payload bytes are not needed for them). */
function chunkLabels(c: Chunk): FieldLabel[] {
  const hit = chunkLabelCache.get(c);
  if (hit !== undefined && hit.len === c.len) return hit.labels;
  const labels = computeChunkLabels(c);
  chunkLabelCache.set(c, { len: c.len, labels });
  return labels;
}

function computeChunkLabels(c: Chunk): FieldLabel[] {
  const img = new Uint8Array(c.len);
  let at = 0;
  for (const p of c.parts) {
    if ('bytes' in p) {
      img.set(p.bytes.subarray(0, Math.max(0, c.len - at)), at);
      at += p.bytes.length;
    } else at += p.len;
  }
  return pduFieldMap(img);
}

/**
 * Labels for `len` TCP payload bytes from sequence number `seq`, offsets from 0. Labels of a PDU
 * are computed once per call (`memo` may be shared by the calls of one inspect).
 */
export function streamLabels(
  w: World,
  seq: number,
  len: number,
  memo: Map<number, FieldLabel[]> = new Map(),
): HexLabel[] {
  const out: HexLabel[] = [];
  const plain = (from: number, n: number, why: string) =>
    out.push({ name: 'tcp.payload', offset: from, length: n, group: why, cid: -1 });
  if (w.host.mode !== 'nvme' || w.tcp === null) {
    if (len > 0) plain(0, len, 'TCP payload');
    return out;
  }
  const q = w.host.tcp.q;
  let k = 0;
  while (k < len) {
    const off = (seq + k - w.tcp.irs) >>> 0;
    const c = chunkAt(q, off);
    if (c === undefined) {
      // Before the first chunk still kept: unknown up to it; past the queue: unknown to the end.
      const first = q[0];
      const n = first !== undefined && off < first.off ? Math.min(first.off - off, len - k) : len - k;
      plain(k, n, 'TCP payload (its PDU is no longer known)');
      k += n;
      continue;
    }
    const pduOff = off - c.off;
    const n = Math.min(c.len - pduOff, len - k);
    let labels = memo.get(c.id);
    if (labels === undefined) {
      labels = chunkLabels(c);
      memo.set(c.id, labels);
    }
    const group = chunkGroup(c);
    const cid = chunkCid(c);
    out.push(...clipLabels(labels, pduOff, pduOff + n, k - pduOff, () => group, cid));
    k += n;
  }
  return out;
}

/** Appends pieces of bytes with their labels, up to MAX_HEX_BYTES. */
export class HexBuilder {
  readonly bytes: number[] = [];
  readonly labels: HexLabel[] = [];
  readonly consumed: [number, number][] = [];
  readonly memo = new Map<number, FieldLabel[]>();

  constructor(readonly world: World) {}

  get room(): number {
    return MAX_HEX_BYTES - this.bytes.length;
  }

  get full(): boolean {
    return this.room <= 0;
  }

  /** Bytes src[from, to) with `labels` given as offsets into src (cut to what fits). */
  add(
    src: Uint8Array,
    from: number,
    to: number,
    labels: readonly FieldLabel[],
    group: (name: string) => string,
    cid = -1,
  ): number {
    const end = Math.min(to, from + this.room, src.length);
    if (end <= from) return 0;
    const at = this.bytes.length;
    for (let i = from; i < end; i++) this.bytes.push(src[i]!);
    this.labels.push(...clipLabels(labels, from, end, at - from, group, cid));
    return end - from;
  }

  /** The Ethernet/IPv4/TCP bytes frame[from, to), labelled by the frame field map. */
  addFrame(frame: Uint8Array, from: number, to: number, payOff: number, seq: number): number {
    const labels = frameFieldMap(frame);
    const headEnd = Math.min(to, payOff);
    let n = 0;
    if (headEnd > from) n += this.add(frame, from, headEnd, labels, frameGroup);
    const pFrom = Math.max(from, payOff);
    if (to > pFrom && !this.full) {
      // TCP payload (by PDU field), then whatever the frame map says follows (Ethernet padding).
      const payEnd = Math.min(to, payloadEnd(labels, payOff));
      if (payEnd > pFrom) n += this.addStream(frame.subarray(pFrom, payEnd), (seq + (pFrom - payOff)) >>> 0);
      const padFrom = Math.max(from, payEnd);
      if (to > padFrom) n += this.add(frame, padFrom, to, labels, frameGroup);
    }
    return n;
  }

  /** TCP payload bytes whose first byte has sequence number `seq`, labelled by PDU field. */
  addStream(bytes: Uint8Array, seq: number): number {
    const n = Math.min(bytes.length, this.room);
    if (n <= 0) return 0;
    const at = this.bytes.length;
    for (let i = 0; i < n; i++) this.bytes.push(bytes[i]!);
    for (const l of streamLabels(this.world, seq, n, this.memo)) {
      this.labels.push({ ...l, offset: l.offset + at });
    }
    return n;
  }

  /** Marks bytes [from, from + len) of the view as consumed (merging with the run before). */
  consume(from: number, len: number): void {
    const a = Math.max(0, from);
    const b = Math.min(this.bytes.length, from + len);
    if (b <= a) return;
    const last = this.consumed[this.consumed.length - 1];
    if (last !== undefined && last[0] + last[1] === a) last[1] += b - a;
    else this.consumed.push([a, b - a]);
  }

  done(opts: {
    total: number;
    caption: string;
    consumedWhy?: string;
    base?: number;
    modulo?: number;
  }): InspectHex {
    const cut = opts.total > this.bytes.length;
    return {
      bytes: this.bytes,
      labels: this.labels,
      base: opts.base ?? 0,
      modulo: opts.modulo ?? 0,
      consumed: this.consumed,
      consumedWhy: this.consumed.length > 0 ? (opts.consumedWhy ?? '') : '',
      total: opts.total,
      caption: cut
        ? `${opts.caption} Showing the first ${this.bytes.length} of ${opts.total} bytes.`
        : opts.caption,
    };
  }
}

/** End of the TCP payload in a frame's labels (where Ethernet padding starts, if any). */
function payloadEnd(labels: readonly FieldLabel[], payOff: number): number {
  let end = payOff;
  for (const l of labels) if (l.name === 'tcp.payload') end = l.offset + l.length;
  return end;
}
