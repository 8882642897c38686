/**
 * Integrity (MODEL.md section 8): when a write has run and succeeded, just before its buffers go
 * back, every byte of its data must be the host's pattern byte for (command id, offset). With
 * DIF insert the buffers hold 520-byte blocks: the 512 data bytes are checked against the
 * pattern and the 8 PI bytes against the guard (CRC16 of the data), application tag 0 and
 * reference tag (SLBA + block). A write that failed (transient transport error, or never
 * completed because of a TermReq) is accounted for by that error instead.
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { bump } from '../../ledger/ledger';
import { checkPattern, patternByte } from '../../ledger/pattern';
import { bufferOf } from './buffers';
import { C_INTEGRITY_BAD, C_INTEGRITY_OK } from './codes';
import { NVME_OPC_WRITE, XFER_HOST_TO_CONTROLLER } from './constants';
import { crc16T10Dif, DIF_BLOCK_SIZE, DIF_DATA_BLOCK } from './dif';
import { cmdCid, cmdOpcode, statusCode } from './qpair';
import type { TcpReq } from './state';

/** The request's buffers as one array, in iovec order. */
function gather(sim: Sim, req: TcpReq): Uint8Array {
  let total = 0;
  for (const r of req.iov) total += r.len;
  const out = new Uint8Array(total);
  let o = 0;
  for (const r of req.iov) {
    const b = bufferOf(sim, r, null);
    out.set(b.subarray(r.off, Math.min(b.length, r.off + r.len)), o);
    o += r.len;
  }
  return out;
}

/**
 * firstBadByte of the gathered buffers without DIF, checked where they are (no copy): the same
 * answer, including the zeros gather reads past the end of a buffer.
 */
function firstBadPiece(sim: Sim, req: TcpReq, cid: number, len: number): number {
  let total = 0;
  for (const r of req.iov) total += r.len;
  let bad = total < len ? total : -1;
  let o = 0;
  for (const r of req.iov) {
    // Every buffer is looked up, as gather does (bufferOf allocates a missing one).
    const b = bufferOf(sim, r, null);
    if (bad >= 0 || o >= len) continue;
    const n = Math.min(r.len, len - o);
    const inBuf = Math.max(0, Math.min(n, b.length - r.off));
    const k = checkPattern(b, r.off, cid, o, inBuf);
    if (k >= 0) bad = o + k;
    for (let i = inBuf; i < n && bad < 0; i++) if (patternByte(cid, o + i) !== 0) bad = o + i;
    o += n;
  }
  return bad;
}

/** Offset of the first wrong byte (data offset; with DIF, data offset of the bad block), or -1. */
export function firstBadByte(
  data: Uint8Array,
  cid: number,
  len: number,
  dif: boolean,
  initRefTag: number,
): number {
  if (!dif) {
    if (data.length < len) return data.length;
    return checkPattern(data, 0, cid, 0, len);
  }
  const blocks = Math.ceil(len / DIF_DATA_BLOCK);
  for (let k = 0; k < blocks; k++) {
    const base = k * DIF_BLOCK_SIZE;
    const n = Math.min(DIF_DATA_BLOCK, len - k * DIF_DATA_BLOCK);
    if (base + n > data.length) return k * DIF_DATA_BLOCK;
    const bad = checkPattern(data, base, cid, k * DIF_DATA_BLOCK, n);
    if (bad >= 0) return k * DIF_DATA_BLOCK + bad;
    if (n < DIF_DATA_BLOCK) break;
    const pi = base + DIF_DATA_BLOCK;
    if (pi + 8 > data.length) return k * DIF_DATA_BLOCK;
    const guard = crc16T10Dif(0, data, base, pi);
    const ref = (initRefTag + k) >>> 0;
    const ok =
      data[pi] === guard >>> 8 &&
      data[pi + 1] === (guard & 0xff) &&
      data[pi + 2] === 0 &&
      data[pi + 3] === 0 &&
      ((data[pi + 4]! << 24) | (data[pi + 5]! << 16) | (data[pi + 6]! << 8) | data[pi + 7]!) >>> 0 === ref;
    if (!ok) return k * DIF_DATA_BLOCK;
  }
  return -1;
}

/** Check a write that ran and succeeded; count bytes or the error. */
export function checkWriteIntegrity(sim: Sim, req: TcpReq): void {
  if (cmdOpcode(req) !== NVME_OPC_WRITE || !req.executed || req.xfer !== XFER_HOST_TO_CONTROLLER) return;
  if (statusCode(req.rsp.status) !== 0) return;
  const n = sim.w.nvmf;
  const cid = cmdCid(req);
  const len = req.xferLen;
  const bad = req.difEnabled
    ? firstBadByte(gather(sim, req), cid, len, true, req.dif.initRefTag)
    : firstBadPiece(sim, req, cid, len);
  if (bad < 0) {
    n.stats.integrityBytesOk += len;
    bump(sim, 'nvmf.integrity_bytes_ok', len);
    record(sim, C_INTEGRITY_OK, req.idx, len, cid);
  } else {
    n.stats.integrityErrors++;
    n.stats.badCids.push(cid);
    bump(sim, 'nvmf.integrity_errors');
    record(sim, C_INTEGRITY_BAD, req.idx, bad, cid);
  }
}
