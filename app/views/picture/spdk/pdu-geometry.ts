/**
 * The PDU in progress as a bar of its parts in wire order (NVMe/TCP): common header CH (8 bytes),
 * PDU-specific header PSH (hlen - 8), header digest HDGST (4, when negotiated), padding PAD (up
 * to the data offset pdo), DATA (data_len) and data digest DDGST (4). Each part says how many of
 * its bytes are in: ch_valid_bytes for CH; psh_valid_bytes runs over PSH, HDGST and PAD, which
 * SPDK reads as one (psh_len); rw_offset runs over DATA and then DDGST.
 */
import type { PduView } from '../../../sim-types';

export type PartName = 'CH' | 'PSH' | 'HDGST' | 'PAD' | 'DATA' | 'DDGST' | 'REST';

export interface PduPart {
  name: PartName;
  /** Bytes of the part (0 for REST, the part not known until the common header is in). */
  len: number;
  filled: number;
  /** The upstream field that counts it. */
  field: string;
}

const CH_LEN = 8;
const DIGEST_LEN = 4;

/** The parts of the PDU being received, in wire order; empty parts are left out. */
export function pduParts(p: PduView): PduPart[] {
  const ch: PduPart = {
    name: 'CH',
    len: CH_LEN,
    filled: Math.min(p.chValid, CH_LEN),
    field: 'ch_valid_bytes',
  };
  if (p.chValid < CH_LEN || p.hlen < CH_LEN) {
    return [ch, { name: 'REST', len: 0, filled: 0, field: 'plen' }];
  }
  const psh = p.hlen - CH_LEN;
  const hd = p.hasHdgst ? DIGEST_LEN : 0;
  const pad = p.padding;
  const headerEnd = p.hlen + hd + pad;
  // data_len is set once the PSH is handled; before that plen already says how much follows.
  const rest = Math.max(0, p.plen - headerEnd);
  const dd = p.hasDdgst && rest > 0 ? DIGEST_LEN : 0;
  const data = p.dataLen > 0 ? p.dataLen : Math.max(0, rest - dd);
  // psh_valid_bytes counts PSH, then the header digest, then the padding.
  let h = p.pshValid;
  const take = (n: number) => {
    const t = Math.max(0, Math.min(n, h));
    h -= t;
    return t;
  };
  const parts: PduPart[] = [
    ch,
    { name: 'PSH', len: psh, filled: take(psh), field: 'psh_valid_bytes' },
    { name: 'HDGST', len: hd, filled: take(hd), field: 'psh_valid_bytes' },
    { name: 'PAD', len: pad, filled: take(pad), field: 'psh_valid_bytes' },
    { name: 'DATA', len: data, filled: Math.min(p.rwOffset, data), field: 'rw_offset' },
    { name: 'DDGST', len: dd, filled: Math.max(0, Math.min(p.rwOffset - data, dd)), field: 'rw_offset' },
  ];
  return parts.filter((x) => x.len > 0);
}

/**
 * Widths of the parts in a bar `width` wide: every part gets `minW` (so an 8-byte header stays
 * readable beside 128 KiB of data) and the rest is shared in proportion to the bytes. The widths
 * always add up to `width`; when even the minimums do not fit, all shrink alike. The unknown
 * REST part takes what CH leaves.
 */
export function partWidths(parts: readonly PduPart[], width: number, minW: number): number[] {
  const n = parts.length;
  if (n === 0) return [];
  if (parts.some((p) => p.name === 'REST')) {
    const chW = Math.min(width / 2, Math.max(minW, width * 0.14));
    return parts.map((p) => (p.name === 'REST' ? width - chW * (n - 1) : chW));
  }
  if (minW * n >= width) return parts.map(() => width / n);
  const total = parts.reduce((s, p) => s + p.len, 0);
  const extra = width - minW * n;
  return parts.map((p) => minW + (total > 0 ? (extra * p.len) / total : extra / n));
}

/** Bytes of the PDU the parts add up to (plen once the common header is in). */
export function partsTotal(parts: readonly PduPart[]): number {
  return parts.reduce((s, p) => s + p.len, 0);
}

/** Short name of a receive state: NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH -> AWAIT_PDU_CH. */
export function recvStateShort(name: string): string {
  return name.replace(/^NVME_TCP_PDU_RECV_STATE_/, '');
}
