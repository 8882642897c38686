/**
 * The inspector for the PDU being received (pdu_in_progress, struct nvme_tcp_pdu): the receive
 * machine's state, the common header and PDU-specific header fields as far as they are in, the
 * header bookkeeping (ch_valid_bytes, psh_valid_bytes, psh_len), and the payload progress
 * (rw_offset against data_len). Its hex view is the header bytes received so far followed by
 * the payload bytes already in the request's buffers, labelled by the PDU field map.
 */
import type { World } from '../engine/world';
import {
  C2H_DATA_FLAGS_LAST_PDU,
  C2H_DATA_FLAGS_SUCCESS,
  CH_FLAGS_DDGSTF,
  CH_FLAGS_HDGSTF,
  CH_LEN,
  DIGEST_LEN,
  OFF_CH_VALID_BYTES,
  OFF_DATA_DIGEST,
  OFF_DDGST_ENABLE,
  OFF_HAS_HDGST,
  OFF_PSH_LEN,
  OFF_PSH_VALID_BYTES,
  PDU_IMAGE_LEN,
  PDU_TYPE_CAPSULE_CMD,
  PDU_TYPE_H2C_DATA,
  RECV_STATE_NAMES,
  RS_AWAIT_PDU_CH,
} from '../spdk/nvmf/constants';
import { getU16LE, getU32LE } from '../wire/bytes';
import { pduFieldMap } from '../wire/nvme-tcp/field-map';
import { pduTypeName } from '../wire/nvme-tcp/constants';
import { bytes, field, hex, notPresent } from './inspect-format';
import { HexBuilder, pduGroup } from './inspect-hex';
import { MAX_HEX_BYTES, type InspectField, type InspectSelection, type InspectView } from './inspect-types';
import { gather, leValue, refName } from './inspect-values';

function flagNames(f: number): string {
  const on: string[] = [];
  if (f & CH_FLAGS_HDGSTF) on.push('HDGSTF');
  if (f & CH_FLAGS_DDGSTF) on.push('DDGSTF');
  if (f & C2H_DATA_FLAGS_LAST_PDU) on.push('LAST_PDU');
  if (f & C2H_DATA_FLAGS_SUCCESS) on.push('SUCCESS');
  return `${hex(f)}${on.length > 0 ? ` (${on.join(' ')})` : ''}`;
}

/** The command id the header names once its bytes are in (as view/pdu.ts reads it), else `fallback`. */
function headerCid(img: Uint8Array, have: number, fallback: number): number {
  if (img[0] === PDU_TYPE_CAPSULE_CMD && have >= 12) return getU16LE(img, 10);
  if (img[0] === PDU_TYPE_H2C_DATA && have >= 10) return getU16LE(img, 8);
  return fallback;
}

export function inspectPdu(w: World, sel: InspectSelection | null): InspectView {
  const n = w.nvmf;
  const p = n.pdu;
  const state = RECV_STATE_NAMES[n.recv.state] ?? `state ${n.recv.state}`;
  const wanted = sel?.id ?? p?.id ?? 0;
  const title = sel === null ? 'PDU in progress' : `PDU #${wanted}`;
  if (p === null && sel === null) {
    return {
      selection: null,
      kind: 'pdu',
      id: 0,
      present: true,
      title,
      summary: `Nothing selected, and no PDU is being received at this step (${state}).`,
      fields: [field('recv_state', state, 'nvme_tcp_pdu_recv_state of the qpair')],
      hex: null,
    };
  }
  if (p === null || (sel !== null && p.id !== sel.id)) {
    const now = p === null ? 'no PDU is being received' : `the receive machine is on PDU #${p.id}`;
    return notPresent(
      sel,
      'pdu',
      wanted,
      title,
      `PDU #${wanted} is not the PDU in progress at this step: ${now} (${state}).`,
    );
  }
  const img = p.img;
  const chValid = img[OFF_CH_VALID_BYTES]!;
  const chIn = chValid >= CH_LEN;
  const pshValid = chIn ? img[OFF_PSH_VALID_BYTES]! : 0;
  const pshLen = chIn ? img[OFF_PSH_LEN]! : 0;
  const have = Math.min(PDU_IMAGE_LEN, chIn ? CH_LEN + pshValid : chValid);
  const req = p.reqIdx >= 0 ? n.reqs[p.reqIdx] : undefined;
  const cid = headerCid(img, have, req === undefined ? -1 : getU16LE(req.cmd, 2));
  const group = pduGroup(img, have, cid);
  // psh_len is known once nvme_tcp_pdu_calc_psh_len ran (the common header was handled).
  const pshKnown = chIn && (pshLen > 0 || n.recv.state > RS_AWAIT_PDU_CH);
  const headerDone = pshKnown && pshValid >= pshLen;
  const fields: InspectField[] = [
    field('recv_state', state, 'nvme_tcp_pdu_recv_state of the qpair'),
    field('pdu', p.id === 0 ? 'none taken yet' : `#${p.id}`, 'the trace id of the PDU being received'),
    field('ch_valid_bytes', chValid, `of ${CH_LEN}: common header bytes in`),
  ];
  if (chIn) {
    fields.push(
      field('ch.pdu_type', `${img[0]} (${pduTypeName(img[0]!)})`),
      field('ch.flags', flagNames(img[1]!)),
      field('ch.hlen', img[2]!, 'header length without digest'),
      field('ch.pdo', img[3]!, 'PDU data offset: where the payload starts'),
      field('ch.plen', getU32LE(img, 4), 'whole PDU length: header, digests, padding and data'),
      field(
        'psh_len',
        pshLen,
        pshKnown ? 'PDU-specific header bytes to read (with header digest and padding)' : 'not computed yet',
      ),
      field('psh_valid_bytes', pshValid, headerDone ? 'the whole header is in' : 'still reading the header'),
    );
    // The PDU-specific header's fields, as far as their bytes are in.
    for (const l of pduFieldMap(img.subarray(0, have))) {
      if (l.name.startsWith('ch.') || l.offset >= have) continue;
      fields.push(field(l.name, leValue(img, l), l.offset + l.length > have ? 'partly received' : undefined));
    }
    fields.push(
      field('has_hdgst', img[OFF_HAS_HDGST] !== 0, 'set when a header digest follows the header'),
      field('ddgst_enable', img[OFF_DDGST_ENABLE] !== 0, 'set when a data digest follows the data'),
    );
  }
  fields.push(
    field('data_len', p.dataLen, 'payload bytes (without digest)'),
    field('rw_offset', p.rwOffset, 'payload bytes received so far (then the data digest)'),
    field(
      'req',
      req === undefined ? 'none' : `tcp_req ${req.idx} (cid ${getU16LE(req.cmd, 2)})`,
      'pdu->req: the request the payload is for',
    ),
    field(
      'data_iov',
      p.dataIov.length === 0 ? 'none' : p.dataIov.map((r) => `${refName(r)} +${r.off} ${r.len}`).join('; '),
      `data_iovcnt ${p.dataIov.length}: where nvme_tcp_pdu_set_data_buf mapped the payload`,
    ),
  );

  const hb = new HexBuilder(w);
  const payStart = CH_LEN + pshLen;
  const payload = headerDone && !p.dif ? Math.min(p.rwOffset, p.dataLen) : 0;
  const digest = headerDone && !p.dif ? Math.min(Math.max(0, p.rwOffset - p.dataLen), DIGEST_LEN) : 0;
  // The PDU as received so far, laid out as on the wire, for the field map.
  const shownPay = Math.min(payload, Math.max(0, MAX_HEX_BYTES - payStart));
  const wire = new Uint8Array(have + (headerDone ? shownPay + digest : 0));
  wire.set(img.subarray(0, have));
  if (headerDone) {
    wire.set(gather(w, p.dataIov, payload, shownPay, p), payStart);
    if (shownPay === payload)
      wire.set(img.subarray(OFF_DATA_DIGEST, OFF_DATA_DIGEST + digest), payStart + payload);
  }
  const labels = pduFieldMap(wire);
  const wireLen = shownPay === payload ? wire.length : payStart + shownPay;
  hb.add(wire, 0, wireLen, labels, () => group, cid);
  const got = have + payload + digest;
  const plen = chIn ? getU32LE(img, 4) : 0;
  let summary = `${state.replace('NVME_TCP_PDU_RECV_STATE_', '')}: `;
  if (!chIn) summary += `${bytes(chValid)} of the 8-byte common header in.`;
  else if (!pshKnown) summary += `${group}, common header in; the rest of the header comes next.`;
  else if (!headerDone) summary += `${group}, header ${CH_LEN + pshValid} of ${CH_LEN + pshLen} bytes in.`;
  else if (p.dataLen === 0) summary += `${group}, header in, no data (plen ${plen}).`;
  else
    summary += `${group}, header in, payload ${p.rwOffset} of ${p.dataLen + (img[OFF_DDGST_ENABLE] ? DIGEST_LEN : 0)} bytes in (plen ${plen}).`;
  if (p.dif)
    fields.push(
      field(
        'dif_ctx',
        'set',
        'Simplification: with DIF insert the payload bytes are not shown in the hex view.',
      ),
    );
  return {
    selection: sel,
    kind: 'pdu',
    id: p.id,
    present: true,
    title: sel === null ? `PDU in progress (#${p.id})` : title,
    summary: sel === null ? `Nothing selected: showing the PDU in progress. ${summary}` : summary,
    fields,
    hex:
      have === 0
        ? null
        : hb.done({
            total: got,
            caption:
              'The PDU\u2019s bytes received so far: header (hdr.raw), then the payload in the request\u2019s buffers.',
          }),
  };
}
