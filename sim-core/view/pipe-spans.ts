/**
 * The recv pipe's held bytes cut by PDU, for colouring them like the kernel's skbs.
 *
 * The pipe holds the stream bytes just before copied_seq (see pipe.ts). Most of them are named
 * by the host's own record of what it wrote (color.ts ownerOfSeq). But the host forgets
 * acknowledged writes in batches, and bytes that sit in the pipe were acknowledged long ago: with
 * many small PDUs (pipe-wrap) a quarter of the held bytes are no longer known there. Those are
 * always the oldest ones, at the read head. For them the PDU borders are found the way the
 * target itself will find them: from the start of the PDU being received, each common header
 * gives plen, the length to the next one, and the header names the command (cid).
 *
 * The walk is checked: every header it reads must be a host-to-controller PDU type with that
 * type's hlen, and it must land exactly where the host's record starts again. Inside an event
 * the receive counts can lag the pipe by one read; the walk then fails its check and those bytes
 * stay unnamed (cid -1) for that row.
 */
import type { World } from '../engine/world';
import {
  CH_LEN,
  OFF_CH_VALID_BYTES,
  OFF_PSH_VALID_BYTES,
  PDU_IMAGE_LEN,
  RS_AWAIT_PDU_BUF,
  RS_AWAIT_PDU_CH,
  RS_AWAIT_PDU_PAYLOAD,
  RS_AWAIT_PDU_PSH,
  RS_AWAIT_PDU_READY,
  RS_AWAIT_REQ,
} from '../spdk/nvmf/constants';
import { type SpdkPipe, spdkPipeReaderBytesAvailable } from '../spdk/sock/pipe';
import { ownerOfSeq } from './color';

/** [offset from the read head, length, cid, host PDU id (-1 when found by the walk)]. */
export type PipeSpan = [number, number, number, number];

/** Most pieces the held bytes are cut into (a 33 KiB pipe holds ~57 PDUs of 584 bytes). */
export const MAX_PIPE_SPANS = 96;

/** Header lengths of the PDU types a host sends: ICReq, H2CTermReq, CapsuleCmd, H2CData. */
const HOST_PDU_HLEN: Record<number, number> = { 0: 128, 2: 24, 4: 72, 6: 24 };
const CAPSULE_CMD = 0x04;
const H2C_DATA = 0x06;

/** Offset (from the read head, <= 0) where the PDU being received starts, or null when unknown. */
function currentPduStart(w: World): number | null {
  const n = w.nvmf;
  const p = n.pdu;
  const s = n.recv.state;
  if (s === RS_AWAIT_PDU_READY || p === null) return 0;
  const img = p.img;
  if (s === RS_AWAIT_PDU_CH) return -img[OFF_CH_VALID_BYTES]!;
  const header = CH_LEN + img[OFF_PSH_VALID_BYTES]!;
  if (s === RS_AWAIT_PDU_PSH || s === RS_AWAIT_REQ || s === RS_AWAIT_PDU_BUF) return -header;
  if (s === RS_AWAIT_PDU_PAYLOAD) return -(header + p.rwOffset);
  return null;
}

/** Bytes around the read head: the current PDU's header image before it (< 0), the pipe after. */
interface Bytes {
  /** Offset where the PDU being received starts (<= 0). */
  start: number;
  at(at: number): number | null;
}

function bytesOf(w: World, pipe: SpdkPipe | null, held: number): Bytes | null {
  const start = currentPduStart(w);
  if (start === null) return null;
  const p = w.nvmf.pdu;
  return {
    start,
    at(at) {
      if (at < 0) {
        const k = at - start;
        return p !== null && k < PDU_IMAGE_LEN ? p.img[k]! : null;
      }
      return pipe !== null && at < held ? pipe.buf[(pipe.read + at) % pipe.sz]! : null;
    },
  };
}

/** The command a host PDU's header at `at` names (CapsuleCmd SQE cid, H2CData cccid), -1 none or unknown. */
function headerCid(b: Bytes, at: number, type: number): number {
  const k = type === CAPSULE_CMD ? 10 : type === H2C_DATA ? 8 : -1;
  if (k < 0) return -1;
  const lo = b.at(at + k);
  const hi = b.at(at + k + 1);
  return lo === null || hi === null ? -1 : lo | (hi << 8);
}

/**
 * cid of the PDU being received, read from its header bytes as far as they are in (its header
 * image, then the pipe); -1 when not there yet.
 */
export function currentPduCid(w: World): number {
  const pipe = w.sock.recvPipe;
  const b = bytesOf(w, pipe, pipe === null ? 0 : spdkPipeReaderBytesAvailable(pipe));
  if (b === null) return -1;
  const type = b.at(b.start);
  return type === null ? -1 : headerCid(b, b.start, type);
}

/**
 * PDU borders in [0, end) by walking headers from the PDU being received. Returns the spans,
 * or null when a header does not check out or the walk does not land exactly on `end` (when the
 * host's record resumes there; with no record at all, the walk may end inside a PDU).
 */
function walk(w: World, pipe: SpdkPipe, held: number, end: number): PipeSpan[] | null {
  const b = bytesOf(w, pipe, held);
  if (b === null) return null;
  const out: PipeSpan[] = [];
  let at = b.start;
  const open = end === held;
  while (at < end && out.length < MAX_PIPE_SPANS) {
    const type = b.at(at);
    const hlen = b.at(at + 2);
    const plen = [4, 5, 6, 7].map((k) => b.at(at + k));
    if (type === null || hlen === null || plen.includes(null)) {
      // The last header is not all in yet: its bytes are the tail of the pipe.
      if (!open || at + CH_LEN <= held) return null;
      out.push([Math.max(at, 0), end - Math.max(at, 0), -1, -1]);
      return out;
    }
    const want = HOST_PDU_HLEN[type];
    const len = (plen[0]! | (plen[1]! << 8) | (plen[2]! << 16) | (plen[3]! << 24)) >>> 0;
    if (want === undefined || hlen !== want || len < hlen) return null;
    const from = Math.max(at, 0);
    const to = Math.min(at + len, end);
    if (to > from) out.push([from, to - from, headerCid(b, at, type), -1]);
    at += len;
  }
  return at === end || (open && at > end) || out.length === MAX_PIPE_SPANS ? out : null;
}

/** The `held` bytes of `pipe` (ending at copied_seq) cut by PDU, oldest first. */
export function pipeSpans(w: World, pipe: SpdkPipe, held: number): PipeSpan[] {
  if (held <= 0 || w.tcp === null) return [];
  const seq = (w.tcp.copiedSeq - held) >>> 0;
  // Where the host's record starts within the held bytes (it forgets from the oldest end).
  let known = 0;
  if (ownerOfSeq(w, seq) === null) {
    const first = w.host.mode === 'nvme' ? w.host.tcp.q[0] : undefined;
    const off = (seq - w.tcp.irs) >>> 0;
    known = first === undefined ? held : Math.min(held, Math.max(0, first.off - off));
  }
  const out = known > 0 ? (walk(w, pipe, held, known) ?? [[0, known, -1, -1] as PipeSpan]) : [];
  let at = known;
  while (at < held && out.length < MAX_PIPE_SPANS) {
    const o = ownerOfSeq(w, (seq + at) >>> 0);
    if (o === null) break;
    const n = Math.min(o.left, held - at);
    out.push([at, n, o.cid, o.pduId]);
    at += n;
  }
  return out;
}
