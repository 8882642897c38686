/**
 * Scatter lists as BufRef descriptors: the bytes behind them (allocated on first use), the
 * live iovecs handed to one socket read, and the two mapping functions of
 * include/spdk_internal/nvme_tcp.h: nvme_tcp_pdu_set_data_buf (PDU data onto request buffers)
 * and nvme_tcp_build_payload_iovs (what is left to read, plus the data digest).
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import type { Iov } from '../../engine/iov';
import { crc32cUpdate } from '../../wire/crc32c';
import { bump } from '../../ledger/ledger';
import { C_OVERRUN } from './codes';
import { DIGEST_LEN, NVME_TCP_MAX_SGL_DESCRIPTORS, OFF_DATA_DIGEST } from './constants';
import { type DifCtx, difCtxSetDataOffset, difRangeWithMd, difSetMdInterleaveIovs } from './dif';
import {
  type BufRef,
  type PduState,
  SPACE_CTRL,
  SPACE_ICD,
  SPACE_OVERRUN,
  SPACE_PDU,
  SPACE_POOL,
} from './state';

/** Bytes of a control-message buffer (SPDK_NVME_TCP_IN_CAPSULE_DATA_MAX_SIZE). */
const CTRL_MSG_SIZE = 8192;
/** Where bytes mapped past a request's buffers go (never read back: see SPACE_OVERRUN). */
const SINK = new Uint8Array(64 * 1024);
const ZEROS = new Uint8Array(64 * 1024);

/**
 * Arrays of freed pool buffers (no longer in the world), handed out again zeroed: cheaper than a
 * fresh allocation of io_unit_size bytes. Not world state: a reused array reads as a new one.
 */
const spare: Uint8Array[] = [];
const SPARE_MAX = 8;

export function releaseBytes(b: Uint8Array): void {
  if (spare.length < SPARE_MAX) spare.push(b);
}

function zeroedBytes(size: number): Uint8Array {
  const b = spare.pop();
  if (b === undefined || b.length !== size) return new Uint8Array(size);
  b.fill(0);
  return b;
}

/** The buffer behind a descriptor, allocated on first use (the PDU's own image for SPACE_PDU). */
export function bufferOf(sim: Sim, ref: BufRef, pdu: PduState | null): Uint8Array {
  const n = sim.w.nvmf;
  switch (ref.space) {
    case SPACE_POOL: {
      let b = n.iobuf.bufs[ref.idx];
      if (!b) {
        b = zeroedBytes(n.iobuf.bufSize);
        n.iobuf.bufs[ref.idx] = b;
      }
      return b;
    }
    case SPACE_ICD: {
      const req = n.reqs[ref.idx]!;
      if (!req.icd) req.icd = new Uint8Array(n.opts.icdBufSize);
      return req.icd;
    }
    case SPACE_CTRL: {
      const m = n.ctrlMsg!;
      let b = m.bufs[ref.idx];
      if (!b) {
        b = new Uint8Array(CTRL_MSG_SIZE);
        m.bufs[ref.idx] = b;
      }
      return b;
    }
    case SPACE_PDU:
      if (pdu === null) throw new Error('nvmf: PDU-image iovec without its PDU');
      return pdu.img;
    default:
      return SINK;
  }
}

/** Marks the sink pieces of a live list (bytes past the end of a request's buffers). */
const SINK_OWNER = -2;

/**
 * Live iovecs for one read. A piece that runs past the end of its buffer (or lies wholly past
 * the request's buffers) continues into the sink, so the read consumes what v24.09 would
 * consume (see noteOverrun for the count).
 */
export function liveIovs(sim: Sim, refs: readonly BufRef[], pdu: PduState): Iov[] {
  const out: Iov[] = [];
  for (const r of refs) {
    if (r.len === 0) continue;
    let inBuf = 0;
    if (r.space !== SPACE_OVERRUN) {
      const b = bufferOf(sim, r, pdu);
      inBuf = Math.max(0, Math.min(r.len, b.length - r.off));
      if (inBuf > 0) {
        const v: Iov = { buf: b, off: r.off, len: inBuf };
        if (r.space === SPACE_PDU) {
          v.kind = r.off === OFF_DATA_DIGEST ? 'digest' : 'pdu-header';
          v.owner = pdu.id;
        } else {
          v.kind = 'data';
          v.owner = pdu.reqIdx;
        }
        out.push(v);
      }
    }
    let rest = r.len - inBuf;
    while (rest > 0) {
      const k = Math.min(rest, SINK.length);
      out.push({ buf: SINK, off: 0, len: k, kind: 'padding', owner: SINK_OWNER });
      rest -= k;
    }
  }
  return out;
}

/** After a read of `n` bytes into `iovs`: count and flag the bytes that went past the buffers. */
export function noteOverrun(sim: Sim, iovs: readonly Iov[], n: number, pdu: PduState): void {
  let left = n;
  let sunk = 0;
  for (const v of iovs) {
    if (left <= 0) break;
    const k = Math.min(v.len, left);
    if (v.owner === SINK_OWNER && v.buf === SINK) sunk += k;
    left -= k;
  }
  if (sunk === 0) return;
  sim.w.nvmf.stats.overrunBytes += sunk;
  bump(sim, 'nvmf.buffer_overrun_bytes', sunk);
  record(sim, C_OVERRUN, pdu.id, sunk, pdu.reqIdx);
}

/** CRC32C register update over the bytes of `refs` (bytes past a buffer read as zero). */
export function crcRefs(sim: Sim, state: number, refs: readonly BufRef[], pdu: PduState): number {
  for (const r of refs) {
    let inBuf = 0;
    if (r.space !== SPACE_OVERRUN) {
      const b = bufferOf(sim, r, pdu);
      inBuf = Math.max(0, Math.min(r.len, b.length - r.off));
      if (inBuf > 0) state = crc32cUpdate(state, b, r.off, r.off + inBuf);
    }
    let zeros = r.len - inBuf;
    while (zeros > 0) {
      const k = Math.min(zeros, ZEROS.length);
      state = crc32cUpdate(state, ZEROS, 0, k);
      zeros -= k;
    }
  }
  return state;
}

/** Keep the most data iovecs one PDU needed (stats and the 'nvmf.max_data_iovs' counter). */
export function noteDataIovs(sim: Sim, count: number): void {
  const n = sim.w.nvmf;
  if (count <= n.stats.maxDataIovs) return;
  n.stats.maxDataIovs = count;
  sim.w.ledger.c['nvmf.max_data_iovs'] = count;
}

function totalLen(refs: readonly BufRef[]): number {
  let n = 0;
  for (const r of refs) n += r.len;
  return n;
}

/**
 * nvme_tcp_pdu_set_data_buf: map [dataOffset, dataOffset + dataLen) of the request's data onto
 * its buffers `iov`, in at most NVME_TCP_MAX_SGL_DESCRIPTORS pieces. With DIF the range is
 * widened to the interleaved layout. Like the C, a single buffer is not bounds-checked, and a
 * range past the last buffer maps onto whatever follows (SPACE_OVERRUN).
 */
export function setDataBuf(
  pdu: PduState,
  iov: readonly BufRef[],
  dataOffset: number,
  dataLen: number,
  dif: DifCtx | null,
): void {
  pdu.dataLen = dataLen >>> 0;
  let bufOffset = dataOffset >>> 0;
  let bufLen = dataLen >>> 0;
  if (dif !== null) {
    difCtxSetDataOffset(dif, dataOffset);
    const r = difRangeWithMd(dataOffset, dataLen);
    bufOffset = r.bufOffset;
    bufLen = r.bufLen;
  }
  if (iov.length === 1) {
    const b = iov[0]!;
    pdu.dataIov = [{ space: b.space, idx: b.idx, off: b.off + bufOffset, len: bufLen }];
    return;
  }
  const out: BufRef[] = [];
  let i = 0;
  let off = bufOffset;
  // spdk_iov_sgl_advance over the request's iovecs.
  while (i < iov.length && off >= iov[i]!.len) {
    off -= iov[i]!.len;
    i++;
  }
  let remain = bufLen;
  while (remain > 0) {
    let piece: BufRef;
    if (i < iov.length) {
      const b = iov[i]!;
      const len = Math.min(b.len - off, remain);
      piece = { space: b.space, idx: b.idx, off: b.off + off, len };
      off += len;
      while (i < iov.length && off >= iov[i]!.len) {
        off -= iov[i]!.len;
        i++;
      }
    } else {
      piece = { space: SPACE_OVERRUN, idx: 0, off: 0, len: remain };
    }
    remain -= piece.len;
    out.push(piece);
    if (out.length === NVME_TCP_MAX_SGL_DESCRIPTORS) break;
  }
  pdu.dataIov = out;
}

/** The data digest's place in the PDU image. */
export const DIGEST_REF: BufRef = { space: SPACE_PDU, idx: 0, off: OFF_DATA_DIGEST, len: DIGEST_LEN };

export interface PayloadIovs {
  refs: BufRef[];
  mapped: number;
  /** spdk_dif_set_md_interleave_iovs result when DIF is on (count or -errno), else 0. */
  mdRc: number;
}

/**
 * nvme_tcp_build_payload_iovs: the read list for the rest of the payload, at most
 * NVME_TCP_MAX_SGL_DESCRIPTORS + 1 pieces, skipping rw_offset bytes, the data digest last.
 */
export function buildPayloadIovs(pdu: PduState, ddgstEnable: boolean, dif: DifCtx | null): PayloadIovs {
  const cap = NVME_TCP_MAX_SGL_DESCRIPTORS + 1;
  const out: BufRef[] = [];
  let skip = pdu.rwOffset >>> 0;
  let mdRc = 0;
  // spdk_iov_sgl_append: false once the list is full.
  const append = (r: BufRef): boolean => {
    if (skip >= r.len) {
      skip -= r.len;
      return true;
    }
    out.push({ space: r.space, idx: r.idx, off: r.off + skip, len: r.len - skip });
    skip = 0;
    return out.length < cap;
  };
  let full = false;
  if (dif === null) {
    for (const r of pdu.dataIov) {
      if (!append(r)) {
        full = true;
        break;
      }
    }
  } else if (skip >= pdu.dataLen) {
    // _nvme_tcp_sgl_append_multi_with_md subtracts the buffer size (data + metadata), not the
    // data length: in v24.09 this wraps when only the digest is left.
    skip = (skip - totalLen(pdu.dataIov)) >>> 0;
  } else {
    const r = difSetMdInterleaveIovs(cap, pdu.dataIov, skip, pdu.dataLen - skip, dif);
    mdRc = r.rc;
    if (r.rc < 0) full = true;
    else {
      out.push(...r.iovs);
      skip = 0;
      if (out.length === cap) full = true;
    }
  }
  if (!full && ddgstEnable) append(DIGEST_REF);
  return { refs: out, mapped: totalLen(out), mdRc };
}
