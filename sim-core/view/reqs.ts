/**
 * The tcp_req slots as drawn (spdk/nvmf/state.ts): state, command id, length and the data
 * iovecs with how much of each is filled.
 *
 * Fill, host-to-controller: H2CData payload lands in order (datao must equal h2c_offset, which
 * grows when a PDU's payload is complete), plus the payload of the PDU being received now if it
 * is bound to this request (rw_offset, digest excluded). In-capsule data is complete once the
 * request left TRANSFERRING_HOST_TO_CONTROLLER. Controller-to-host buffers are full once executed.
 *
 * Simplification: with DIF insert the buffers hold metadata between blocks; the fill is shown as
 * a prefix of the buffers' total length, not block by block.
 */
import type { World } from '../engine/world';
import {
  REQ_STATE_NAMES,
  RS_AWAIT_PDU_PAYLOAD,
  TS_EXECUTED,
  TS_READY_TO_EXECUTE,
  XFER_BIDIRECTIONAL,
  XFER_CONTROLLER_TO_HOST,
  XFER_HOST_TO_CONTROLLER,
  XFER_NONE,
} from '../spdk/nvmf/constants';
import type { TcpReq } from '../spdk/nvmf/state';
import { getU16LE } from '../wire/bytes';
import type { ReqView } from './types';

const XFER_NAMES: Record<number, string> = {
  [XFER_NONE]: 'none',
  [XFER_HOST_TO_CONTROLLER]: 'h2c',
  [XFER_CONTROLLER_TO_HOST]: 'c2h',
  [XFER_BIDIRECTIONAL]: 'bidir',
};

/** Data bytes in the request's buffers so far. */
function filledBytes(w: World, r: TcpReq): number {
  const n = w.nvmf;
  if (r.xfer === XFER_CONTROLLER_TO_HOST) return r.state >= TS_EXECUTED ? r.length : 0;
  if (r.xfer !== XFER_HOST_TO_CONTROLLER) return 0;
  if (r.state >= TS_READY_TO_EXECUTE) return r.length;
  let got = r.h2cOffset;
  const p = n.pdu;
  if (p !== null && p.reqIdx === r.idx && n.recv.state === RS_AWAIT_PDU_PAYLOAD) {
    got += Math.min(p.rwOffset, p.dataLen);
  }
  return got;
}

export function reqView(w: World, r: TcpReq): ReqView {
  let left = Math.min(filledBytes(w, r), r.length);
  const iovs = r.iov.map((v) => {
    const filled = Math.max(0, Math.min(v.len, left));
    left -= filled;
    return { len: v.len, filled };
  });
  return {
    idx: r.idx,
    state: REQ_STATE_NAMES[r.state] ?? `state ${r.state}`,
    stateIndex: r.state,
    cid: getU16LE(r.cmd, 2),
    length: r.length,
    h2cOffset: r.h2cOffset,
    iovs,
    status: r.rsp.status,
    xfer: XFER_NAMES[r.xfer] ?? 'none',
  };
}

export function reqsView(w: World): ReqView[] {
  return w.nvmf.reqs.map((r) => reqView(w, r));
}
