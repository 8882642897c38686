/**
 * DIF insert for NVMe/TCP writes (transport option dif_insert_or_strip), after lib/util/dif.c
 * and lib/util/crc16.c at SPDK v24.09: the host sends 512-byte blocks, the target keeps them
 * as 520-byte blocks (512 data + 8 bytes of protection information, interleaved) and fills the
 * PI once the data is in.
 *
 * The namespace format is fixed (Simplification: one format, 512 + 8, PI type 1 at the end of
 * the metadata, guard and reference tag checks on), which is what
 * nvmf_bdev_ctrlr_get_dif_ctx builds for such a bdev. All functions are pure; bytes are
 * reached through a resolver so they work on BufRef scatter lists.
 */
import type { BufRef } from './state';

export const DIF_DATA_BLOCK = 512;
export const DIF_MD_SIZE = 8;
export const DIF_BLOCK_SIZE = DIF_DATA_BLOCK + DIF_MD_SIZE;
/** SPDK_DIF_FLAGS_REFTAG_CHECK, SPDK_DIF_FLAGS_APPTAG_CHECK, SPDK_DIF_FLAGS_GUARD_CHECK. */
export const DIF_FLAGS_REFTAG_CHECK = 1 << 26;
export const DIF_FLAGS_APPTAG_CHECK = 1 << 27;
export const DIF_FLAGS_GUARD_CHECK = 1 << 28;
const ERANGE = 34;
const EINVAL = 22;

/** struct spdk_dif_ctx, the fields the write path uses, plus the request's length bookkeeping (req->dif). */
export interface DifCtx {
  blockSize: number;
  mdSize: number;
  guardInterval: number;
  flags: number;
  initRefTag: number;
  appTag: number;
  dataOffset: number;
  refTagOffset: number;
  lastGuard: number;
  guardSeed: number;
  /** req->dif.orig_length and elba_length. */
  origLength: number;
  elbaLength: number;
}

export function emptyDifCtx(): DifCtx {
  return {
    blockSize: 0,
    mdSize: 0,
    guardInterval: 0,
    flags: 0,
    initRefTag: 0,
    appTag: 0,
    dataOffset: 0,
    refTagOffset: 0,
    lastGuard: 0,
    guardSeed: 0,
    origLength: 0,
    elbaLength: 0,
  };
}

/** spdk_dif_ctx_init for the model's format; the initial reference tag is the low 32 bits of the SLBA. */
export function difCtxInit(ctx: DifCtx, initRefTag: number): void {
  ctx.blockSize = DIF_BLOCK_SIZE;
  ctx.mdSize = DIF_MD_SIZE;
  // The PI is the last 8 bytes of the metadata, which here is the whole metadata.
  ctx.guardInterval = DIF_BLOCK_SIZE - DIF_MD_SIZE;
  ctx.flags = DIF_FLAGS_GUARD_CHECK | DIF_FLAGS_REFTAG_CHECK;
  ctx.initRefTag = initRefTag >>> 0;
  ctx.appTag = 0;
  ctx.dataOffset = 0;
  ctx.refTagOffset = 0;
  ctx.lastGuard = 0;
  ctx.guardSeed = 0;
  // req->dif.orig_length and elba_length are not part of the ctx: they keep their old values.
}

/** spdk_dif_ctx_set_data_offset. */
export function difCtxSetDataOffset(ctx: DifCtx, dataOffset: number): void {
  ctx.dataOffset = dataOffset >>> 0;
  ctx.refTagOffset = Math.floor(ctx.dataOffset / DIF_DATA_BLOCK);
}

/** _to_size_with_md: data bytes -> bytes in the extended (interleaved) layout, 32-bit like the C. */
export function toSizeWithMd(size: number): number {
  const s = size >>> 0;
  return (Math.floor(s / DIF_DATA_BLOCK) * DIF_BLOCK_SIZE + (s % DIF_DATA_BLOCK)) >>> 0;
}

/** spdk_dif_get_length_with_md. */
export function difLengthWithMd(len: number): number {
  return toSizeWithMd(len);
}

/** spdk_dif_get_range_with_md: where [dataOffset, dataOffset + dataLen) of the data lies in the buffer. */
export function difRangeWithMd(dataOffset: number, dataLen: number): { bufOffset: number; bufLen: number } {
  const unalign = (dataOffset >>> 0) % DIF_DATA_BLOCK;
  return {
    bufOffset: toSizeWithMd(dataOffset),
    bufLen: (toSizeWithMd(unalign + (dataLen >>> 0)) - unalign) >>> 0,
  };
}

/** CRC-16 T10-DIF (poly 0x8BB7, MSB first, no reflection, no final xor), as spdk_crc16_t10dif. */
const CRC16_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8bb7) & 0xffff : (c << 1) & 0xffff;
    t[n] = c;
  }
  return t;
})();

export function crc16T10Dif(seed: number, b: Uint8Array, start: number, end: number): number {
  let c = seed & 0xffff;
  for (let i = start; i < end; i++) c = ((c << 8) & 0xffff) ^ CRC16_TABLE[((c >>> 8) ^ b[i]!) & 0xff]!;
  return c;
}

export type Resolve = (ref: BufRef) => Uint8Array;

/** A cursor over a BufRef list (struct _dif_sgl used for iteration). */
interface Cursor {
  refs: readonly BufRef[];
  i: number;
  off: number;
}

function advance(c: Cursor, step: number): void {
  c.off += step;
  while (c.i < c.refs.length && c.off >= c.refs[c.i]!.len) {
    c.off -= c.refs[c.i]!.len;
    c.i++;
  }
}

function totalLen(refs: readonly BufRef[]): number {
  let n = 0;
  for (const r of refs) n += r.len;
  return n;
}

/**
 * spdk_dif_set_md_interleave_iovs: describe `dataLen` data bytes starting at data offset
 * `dataOffset` (relative to ctx.dataOffset) inside `bufRefs`, skipping each block's metadata,
 * in at most `cap` pieces. Returns the pieces (rc = their count) or a negative errno.
 */
export function difSetMdInterleaveIovs(
  cap: number,
  bufRefs: readonly BufRef[],
  dataOffset: number,
  dataLen: number,
  ctx: DifCtx,
): { rc: number; iovs: BufRef[]; mapped: number } {
  const out: BufRef[] = [];
  if (cap === 0 || bufRefs.length === 0) return { rc: -EINVAL, iovs: out, mapped: 0 };
  const unalign = ctx.dataOffset % DIF_DATA_BLOCK;
  const bufLen = (toSizeWithMd(unalign + dataOffset + dataLen) - unalign) >>> 0;
  if (totalLen(bufRefs) < bufLen) return { rc: -ERANGE, iovs: out, mapped: 0 };
  const c: Cursor = { refs: bufRefs, i: 0, off: 0 };
  advance(c, (toSizeWithMd(unalign + dataOffset) - unalign) >>> 0);
  let mapped = 0;
  let left = dataLen >>> 0;
  let off = dataOffset >>> 0;
  outer: while (left !== 0) {
    let len = Math.min(left, DIF_DATA_BLOCK - ((ctx.dataOffset + off) % DIF_DATA_BLOCK));
    const step = len;
    // _dif_sgl_append_split: the piece may cross from one buffer into the next.
    while (len !== 0) {
      const r = c.refs[c.i]!;
      const n = Math.min(r.len - c.off, len);
      out.push({ space: r.space, idx: r.idx, off: r.off + c.off, len: n });
      mapped += n;
      if (out.length === cap) break outer;
      advance(c, n);
      len -= n;
    }
    advance(c, ctx.mdSize);
    off += step;
    left -= step;
  }
  return { rc: out.length, iovs: out, mapped };
}

/** The guard over the data part of one (possibly split) block, advancing the cursor (dif_generate_guard_split). */
function guardSplit(
  guard: number,
  c: Cursor,
  resolve: Resolve,
  start: number,
  len: number,
  ctx: DifCtx,
): number {
  let offset = start;
  const end = start + Math.min(len, ctx.guardInterval - start);
  while (offset < end) {
    const r = c.refs[c.i]!;
    const n = Math.min(r.len - c.off, end - offset);
    if (ctx.flags & DIF_FLAGS_GUARD_CHECK) {
      const b = resolve(r);
      guard = crc16T10Dif(guard, b, r.off + c.off, r.off + c.off + n);
    }
    advance(c, n);
    offset += n;
  }
  return guard;
}

/** _dif_generate_split: feed part of a block; when the block's data is complete, write its PI. */
function generateSplit(
  c: Cursor,
  resolve: Resolve,
  offsetInBlock: number,
  len: number,
  guard: number,
  offsetBlocks: number,
  ctx: DifCtx,
): number {
  guard = guardSplit(guard, c, resolve, offsetInBlock, len, ctx);
  if (offsetInBlock + len < ctx.guardInterval) return guard;
  // The PI is built in a zeroed temporary, so the application tag is written as 0 even
  // though the app tag check is off.
  const pi = new Uint8Array(8);
  if (ctx.flags & DIF_FLAGS_GUARD_CHECK) {
    pi[0] = guard >>> 8;
    pi[1] = guard & 0xff;
  }
  if (ctx.flags & DIF_FLAGS_APPTAG_CHECK) {
    pi[2] = ctx.appTag >>> 8;
    pi[3] = ctx.appTag & 0xff;
  }
  if (ctx.flags & DIF_FLAGS_REFTAG_CHECK) {
    const ref = (ctx.initRefTag + ctx.refTagOffset + offsetBlocks) >>> 0;
    pi[4] = ref >>> 24;
    pi[5] = (ref >>> 16) & 0xff;
    pi[6] = (ref >>> 8) & 0xff;
    pi[7] = ref & 0xff;
  }
  // dif_store_split: copy the PI over the metadata, which may itself be split.
  const rest = ctx.blockSize - ctx.guardInterval;
  let o = 0;
  while (o < rest) {
    const r = c.refs[c.i]!;
    const n = Math.min(r.len - c.off, rest - o);
    const b = resolve(r);
    for (let k = 0; k < n; k++) if (o + k < 8) b[r.off + c.off + k] = pi[o + k]!;
    advance(c, n);
    o += n;
  }
  return ctx.flags & DIF_FLAGS_GUARD_CHECK ? ctx.guardSeed : guard;
}

/**
 * spdk_dif_generate_stream: generate the PI of the blocks completed by `dataLen` data bytes at
 * `dataOffset` of `refs` (the PDU's data iovecs), carrying a partial block's guard in the ctx.
 * Returns 0 or -ERANGE when the iovecs are too short.
 */
export function difGenerateStream(
  refs: readonly BufRef[],
  dataOffset: number,
  dataLen: number,
  ctx: DifCtx,
  resolve: Resolve,
): number {
  if (refs.length === 0) return -EINVAL;
  let guard = ctx.flags & DIF_FLAGS_GUARD_CHECK ? ctx.lastGuard : 0;
  const unalign = ctx.dataOffset % DIF_DATA_BLOCK;
  let bufLen = (toSizeWithMd(unalign + dataOffset + dataLen) - unalign) >>> 0;
  if (totalLen(refs) < bufLen) return -ERANGE;
  let bufOffset = (toSizeWithMd(unalign + dataOffset) - unalign) >>> 0;
  const c: Cursor = { refs, i: 0, off: 0 };
  advance(c, bufOffset);
  bufLen -= bufOffset;
  bufOffset += unalign;
  while (bufLen !== 0) {
    const len = Math.min(bufLen, ctx.blockSize - (bufOffset % ctx.blockSize));
    guard = generateSplit(
      c,
      resolve,
      bufOffset % ctx.blockSize,
      len,
      guard,
      Math.floor(bufOffset / ctx.blockSize),
      ctx,
    );
    bufLen -= len;
    bufOffset += len;
  }
  if (ctx.flags & DIF_FLAGS_GUARD_CHECK) ctx.lastGuard = guard;
  return 0;
}
