/**
 * Values of NVMe/TCP fields read from their bytes (little-endian, as the spec stores them), and
 * the bytes behind a tcp_req or PDU buffer descriptor, read without allocating anything (the
 * simulation allocates buffers on first use; the inspector must not change the world).
 */
import type { World } from '../engine/world';
import { type BufRef, type PduState, SPACE_CTRL, SPACE_ICD, SPACE_PDU, SPACE_POOL } from '../spdk/nvmf/state';
import type { FieldLabel } from '../wire/field-map';
import { hex } from './inspect-format';

/** A field's value: numbers up to 32 bits in decimal (and hex), longer ones as hex bytes. */
export function leValue(b: Uint8Array, l: FieldLabel): string {
  const n = Math.min(l.length, b.length - l.offset);
  if (n <= 0) return '';
  if (n <= 4) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[l.offset + i]!;
    return n === 1 ? `${v} (${hex(v)})` : `${v} (${hex(v, n * 2)})`;
  }
  if (n === 8) {
    // A 64-bit little-endian number as one hex string (no BigInt needed).
    let s = '';
    for (let i = 7; i >= 0; i--) s += b[l.offset + i]!.toString(16).padStart(2, '0');
    return `0x${s}`;
  }
  const shown = Math.min(n, 16);
  let s = '';
  for (let i = 0; i < shown; i++) s += `${b[l.offset + i]!.toString(16).padStart(2, '0')} `;
  return `${s.trimEnd()}${n > shown ? ' …' : ''}`;
}

/** The bytes a buffer descriptor names, or null when the buffer was never allocated (or is not kept). */
export function refBuffer(w: World, r: BufRef, pdu: PduState | null): Uint8Array | null {
  const n = w.nvmf;
  switch (r.space) {
    case SPACE_POOL:
      return n.iobuf.bufs[r.idx] ?? null;
    case SPACE_ICD:
      return n.reqs[r.idx]?.icd ?? null;
    case SPACE_CTRL:
      return n.ctrlMsg?.bufs[r.idx] ?? null;
    case SPACE_PDU:
      return pdu?.img ?? null;
    default:
      return null;
  }
}

/** Where a descriptor points, in words. */
export function refName(r: BufRef): string {
  switch (r.space) {
    case SPACE_POOL:
      return `iobuf ${r.idx}`;
    case SPACE_ICD:
      return `tcp_req ${r.idx} buf (in-capsule data)`;
    case SPACE_CTRL:
      return `control message ${r.idx}`;
    case SPACE_PDU:
      return 'the PDU header';
    default:
      return 'past the request buffers (discarded)';
  }
}

/**
 * Up to `max` bytes from the start of a scatter list, `len` bytes in all: the pieces in order
 * (a never-allocated buffer reads as zeros, as the simulation would hand it out).
 */
export function gather(
  w: World,
  refs: readonly BufRef[],
  len: number,
  max: number,
  pdu: PduState | null,
): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.min(len, max)));
  let at = 0;
  for (const r of refs) {
    if (at >= out.length) break;
    const k = Math.min(r.len, out.length - at);
    const b = refBuffer(w, r, pdu);
    if (b !== null) out.set(b.subarray(r.off, Math.min(b.length, r.off + k)), at);
    at += k;
  }
  return out;
}
