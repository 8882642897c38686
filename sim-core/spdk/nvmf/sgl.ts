/**
 * nvmf_tcp_req_parse_sgl (lib/nvmf/tcp.c, v24.09): where a command's data is and which
 * buffers receive it.
 *  - Transport Data Block / Transport (0x5A): the data will come in H2CData PDUs after an R2T;
 *    up to max_io_size (else FES 0x05), buffers from the shared pool in io_unit_size pieces.
 *  - Data Block / Offset (0x01): in-capsule data, whose length is what the PDU carries after
 *    its header (it must equal the SGL length, else FES 0x01 at plen) at address 0 (else FES
 *    0x06 at the SGL address). Over in_capsule_data_size only admin and fabrics commands, up
 *    to 8192 bytes, in a control-message buffer; else FES 0x05.
 *  - Anything else: FES 0x06 at the SGL identifier.
 * The TermReqs sent from here copy the request's own send PDU, not the received one (v24.09).
 */
import type { Sim } from '../../engine/sim';
import { record } from '../../engine/sim';
import { C_PARSE_SGL } from './codes';
import {
  CH_LEN,
  DIGEST_LEN,
  FEI_PLEN,
  FEI_SGL_ADDRESS,
  FEI_SGL_GENERIC,
  FES_DATA_TRANSFER_LIMIT_EXCEEDED,
  FES_INVALID_DATA_UNSUPPORTED_PARAMETER,
  FES_INVALID_HEADER_FIELD,
  IN_CAPSULE_DATA_MAX_SIZE,
  NVME_OPC_FABRIC,
  OFF_PSH_LEN,
  SGL_SUBTYPE_OFFSET,
  SGL_SUBTYPE_TRANSPORT,
  SGL_TYPE_DATA_BLOCK,
  SGL_TYPE_TRANSPORT_DATA_BLOCK,
} from './constants';
import { difLengthWithMd } from './dif';
import { ctrlMsgGet, requestGetBuffers } from './iobuf';
import { RE, TE } from './machine-defs';
import { cmdOpcode, setRecvState, setReqState } from './qpair';
import { sendC2hTermReq } from './send';
import { type BufRef, SPACE_CTRL, SPACE_ICD, type TcpReq } from './state';

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

export function parseSgl(sim: Sim, req: TcpReq): void {
  const n = sim.w.nvmf;
  const cmd = req.cmd;
  const id = cmd[39]!;
  const type = id >>> 4;
  const subtype = id & 0xf;
  const sglLength = u32(cmd, 32);
  if (type === SGL_TYPE_TRANSPORT_DATA_BLOCK && subtype === SGL_SUBTYPE_TRANSPORT) {
    record(sim, C_PARSE_SGL, req.idx, sglLength, id);
    if (sglLength > n.opts.maxIoSize) {
      sendC2hTermReq(sim, req.rspImg, FES_DATA_TRANSFER_LIMIT_EXCEEDED, 0);
      return;
    }
    req.length = sglLength;
    req.xferLen = sglLength;
    let length = sglLength;
    if (req.difEnabled) {
      req.dif.origLength = length;
      length = difLengthWithMd(length);
      req.dif.elbaLength = length;
    }
    // No buffer: the request stays in NEED_BUFFER, queued (or stuck, for more than 33 buffers).
    if (requestGetBuffers(sim, req, length) !== 0) return;
    setReqState(sim, req, TE.BUFFERS_ACQUIRED);
    return;
  }
  if (type === SGL_TYPE_DATA_BLOCK && subtype === SGL_SUBTYPE_OFFSET) {
    // The data length is what follows the header in the PDU being received.
    const pdu = n.pdu;
    const img = pdu?.img ?? new Uint8Array(256);
    let length = (u32(img, 4) - img[OFF_PSH_LEN]! - CH_LEN) >>> 0;
    if (n.hostDdgst) length = (length - DIGEST_LEN) >>> 0;
    record(sim, C_PARSE_SGL, req.idx, length, id);
    if (length !== sglLength) {
      sendC2hTermReq(sim, req.rspImg, FES_INVALID_HEADER_FIELD, FEI_PLEN);
      return;
    }
    if (u32(cmd, 24) !== 0 || u32(cmd, 28) !== 0) {
      sendC2hTermReq(sim, req.rspImg, FES_INVALID_DATA_UNSUPPORTED_PARAMETER, FEI_SGL_ADDRESS);
      return;
    }
    let iov0: BufRef;
    if (length > n.opts.inCapsuleDataSize) {
      if (length <= IN_CAPSULE_DATA_MAX_SIZE && (cmdOpcode(req) === NVME_OPC_FABRIC || n.qid === 0)) {
        const msg = ctrlMsgGet(sim, req);
        if (msg < 0) {
          setRecvState(sim, RE.CONTROL_MSG_BUFFER_EMPTY);
          return;
        }
        iov0 = { space: SPACE_CTRL, idx: msg, off: 0, len: 0 };
      } else {
        sendC2hTermReq(sim, req.rspImg, FES_DATA_TRANSFER_LIMIT_EXCEEDED, 0);
        return;
      }
    } else {
      iov0 = { space: SPACE_ICD, idx: req.idx, off: 0, len: 0 };
    }
    req.length = length;
    req.xferLen = length;
    req.dataFromPool = false;
    if (req.difEnabled) {
      length = difLengthWithMd(length);
      req.dif.elbaLength = length;
    }
    iov0.len = length;
    req.iov = [iov0];
    setReqState(sim, req, TE.BUFFERS_ACQUIRED);
    return;
  }
  record(sim, C_PARSE_SGL, req.idx, sglLength, id);
  sendC2hTermReq(sim, req.rspImg, FES_INVALID_DATA_UNSUPPORTED_PARAMETER, FEI_SGL_GENERIC);
}
