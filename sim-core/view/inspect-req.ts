/**
 * The inspector for one tcp_req (struct spdk_nvmf_tcp_req and the spdk_nvmf_request it wraps,
 * spdk/nvmf/state.ts): its state, the command (req->cmd, the 64-byte SQE copied from the
 * capsule) field by field, the data buffers (req->iov) and how full they are, and the response.
 * Its hex view is the SQE followed by the data already in the buffers.
 */
import type { World } from '../engine/world';
import { REQ_STATE_NAMES, TS_FREE } from '../spdk/nvmf/constants';
import { pduFieldMap } from '../wire/nvme-tcp/field-map';
import { field, hex, notPresent } from './inspect-format';
import { HexBuilder } from './inspect-hex';
import { MAX_HEX_BYTES, type InspectField, type InspectSelection, type InspectView } from './inspect-types';
import { gather, leValue, refName } from './inspect-values';
import { reqView } from './reqs';

const SQE_LEN = 64;

/** SQE field labels (offsets into the 64 bytes), from the CapsuleCmd field map. */
function sqeLabels(cmd: Uint8Array) {
  // A CapsuleCmd common header in front, so the PDU field map picks the SQE layout by opcode.
  const capsule = new Uint8Array(8 + SQE_LEN);
  capsule.set([0x04, 0, 8 + SQE_LEN, 0, 8 + SQE_LEN, 0, 0, 0]);
  capsule.set(cmd.subarray(0, SQE_LEN), 8);
  return pduFieldMap(capsule)
    .filter((l) => l.offset >= 8)
    .map((l) => ({ name: l.name, offset: l.offset - 8, length: l.length }));
}

export function inspectReq(w: World, sel: InspectSelection): InspectView {
  const r = Number.isInteger(sel.id) && sel.id >= 0 ? w.nvmf.reqs[sel.id] : undefined;
  const title = `tcp_req ${sel.id}`;
  if (r === undefined) {
    return notPresent(
      sel,
      'req',
      sel.id,
      title,
      `The qpair has ${w.nvmf.reqs.length} tcp_reqs (max_queue_depth); there is no tcp_req ${sel.id}.`,
    );
  }
  const v = reqView(w, r);
  const free = r.state === TS_FREE;
  const labels = sqeLabels(r.cmd);
  const fields: InspectField[] = [
    field(
      'state',
      REQ_STATE_NAMES[r.state] ?? `state ${r.state}`,
      free ? 'free: the fields below are what its last command left' : undefined,
    ),
    field('ttag', r.ttag, 'transfer tag R2T and H2CData name it by'),
  ];
  for (const l of labels) {
    if (l.name.includes('reserved')) continue;
    fields.push(
      field(
        l.name,
        leValue(r.cmd, l),
        l.name === 'sqe.opcode' ? 'req->cmd: the SQE copied from the capsule' : undefined,
      ),
    );
  }
  const filled = v.iovs.reduce((n, x) => n + x.filled, 0);
  fields.push(
    field('req.length', r.length, 'data bytes of the command'),
    field('h2c_offset', r.h2cOffset, 'next H2CData offset expected (datao must equal it)'),
    field('xfer', v.xfer, 'spdk_nvme_data_transfer'),
    field('has_in_capsule_data', r.hasInCapsuleData),
    field('data_from_pool', r.dataFromPool, 'buffers taken from the iobuf pool'),
    field('iovcnt', r.iov.length),
  );
  r.iov.forEach((ref, k) => {
    const x = v.iovs[k];
    fields.push(
      field(`req->iov[${k}]`, `${refName(ref)} +${ref.off}, ${ref.len} bytes`, `filled ${x?.filled ?? 0}`),
    );
  });
  fields.push(
    field('pdu_in_use', r.pduInUse, 'set while its send PDU (R2T, CapsuleResp) is queued on the socket'),
    field('rsp.cid', r.rsp.cid),
    field(
      'rsp.status',
      hex(r.rsp.status, 4),
      r.rsp.status === 0 ? 'success' : 'P, SC, SCT, CRD, M, DNR bits',
    ),
    field('capsule PDU', r.pduId > 0 ? `#${r.pduId}` : 'none', 'the CapsuleCmd that carried the command'),
  );

  const hb = new HexBuilder(w);
  const group = `NVMe SQE cid ${v.cid} (req->cmd)`;
  hb.add(r.cmd, 0, SQE_LEN, labels, () => group, v.cid);
  const data = gather(w, r.iov, filled, MAX_HEX_BYTES - SQE_LEN, null);
  let at = 0;
  r.iov.forEach((ref, k) => {
    const n = Math.min(ref.len, data.length - at);
    if (n <= 0) return;
    hb.add(
      data,
      at,
      at + n,
      [{ name: `iov[${k}] data`, offset: at, length: n }],
      () => `data of cid ${v.cid} (${refName(ref)})`,
      v.cid,
    );
    at += n;
  });
  return {
    selection: sel,
    kind: 'req',
    id: r.idx,
    present: true,
    title,
    summary: `${v.state.replace('TCP_REQUEST_STATE_', '')}${free ? '' : `, cid ${v.cid}, ${filled} of ${r.length} data bytes in its buffers`}.`,
    fields,
    hex: hb.done({
      total: SQE_LEN + filled,
      caption: 'req->cmd (the 64-byte SQE), then the data already in req->iov.',
    }),
  };
}
