/**
 * Byte labels for one NVMe/TCP PDU (see ../field-map.ts): common header,
 * PDU-specific header (SQE/CQE fields and SGL subfields included), header
 * digest, padding, data (Connect data broken down) and data digest.
 */

import { getU32LE } from '../bytes';
import { type FieldLabel, Labeller } from '../field-map';
import {
  CH_FLAG_DDGSTF,
  CH_FLAG_HDGSTF,
  CH_LEN,
  DIGEST_LEN,
  PDU_C2H_DATA,
  PDU_C2H_TERM_REQ,
  PDU_CAPSULE_CMD,
  PDU_CAPSULE_RESP,
  PDU_H2C_DATA,
  PDU_H2C_TERM_REQ,
  PDU_IC_REQ,
  PDU_IC_RESP,
  PDU_R2T,
  PDU_TYPES,
} from './constants';
import { NVMF_CONNECT_DATA_LEN, NVMF_FCTYPE_CONNECT } from './fabrics-connect';
import { NVME_OPC_FABRICS, NVME_OPC_READ, NVME_OPC_WRITE } from './sqe';

type Table = readonly (readonly [string, number])[];

const CH: Table = [
  ['pdu_type', 1],
  ['flags', 1],
  ['hlen', 1],
  ['pdo', 1],
  ['plen', 4],
];

const SGL1: Table = [
  ['sgl1.address', 8],
  ['sgl1.length', 4],
  ['sgl1.reserved', 3],
  ['sgl1.type_subtype', 1],
];

const SQE_HEAD: Table = [
  ['opcode', 1],
  ['flags', 1],
  ['cid', 2],
  ['nsid', 4],
  ['cdw2', 4],
  ['cdw3', 4],
  ['mptr', 8],
  ...SGL1,
];

const SQE_GENERIC: Table = [
  ...SQE_HEAD,
  ['cdw10', 4],
  ['cdw11', 4],
  ['cdw12', 4],
  ['cdw13', 4],
  ['cdw14', 4],
  ['cdw15', 4],
];

const SQE_RW: Table = [
  ...SQE_HEAD,
  ['slba', 8],
  ['nlb', 2],
  ['cdw12.control', 2],
  ['cdw13', 4],
  ['cdw14', 4],
  ['cdw15', 4],
];

const SQE_FABRICS_HEAD: Table = [
  ['opcode', 1],
  ['flags', 1],
  ['cid', 2],
  ['fctype', 1],
  ['reserved', 19],
  ...SGL1,
];

const SQE_CONNECT: Table = [
  ...SQE_FABRICS_HEAD,
  ['recfmt', 2],
  ['qid', 2],
  ['sqsize', 2],
  ['cattr', 1],
  ['reserved', 1],
  ['kato', 4],
  ['reserved', 12],
];

const SQE_FABRICS: Table = [...SQE_FABRICS_HEAD, ['fabrics_specific', 24]];

const CQE: Table = [
  ['cdw0', 4],
  ['cdw1', 4],
  ['sqhd', 2],
  ['sqid', 2],
  ['cid', 2],
  ['status', 2],
];

const CONNECT_DATA: Table = [
  ['hostid', 16],
  ['cntlid', 2],
  ['reserved', 238],
  ['subnqn', 256],
  ['hostnqn', 256],
  ['reserved', 256],
];

const PSH: Record<number, readonly [string, Table]> = {
  [PDU_IC_REQ]: [
    'icreq.',
    [
      ['pfv', 2],
      ['hpda', 1],
      ['dgst', 1],
      ['maxr2t', 4],
    ],
  ],
  [PDU_IC_RESP]: [
    'icresp.',
    [
      ['pfv', 2],
      ['cpda', 1],
      ['dgst', 1],
      ['maxh2cdata', 4],
    ],
  ],
  [PDU_H2C_TERM_REQ]: [
    'termreq.',
    [
      ['fes', 2],
      ['fei', 4],
    ],
  ],
  [PDU_C2H_TERM_REQ]: [
    'termreq.',
    [
      ['fes', 2],
      ['fei', 4],
    ],
  ],
  [PDU_CAPSULE_RESP]: ['cqe.', CQE],
  [PDU_H2C_DATA]: [
    'h2cdata.',
    [
      ['cccid', 2],
      ['ttag', 2],
      ['datao', 4],
      ['datal', 4],
    ],
  ],
  [PDU_C2H_DATA]: [
    'c2hdata.',
    [
      ['cccid', 2],
      ['reserved', 2],
      ['datao', 4],
      ['datal', 4],
    ],
  ],
  [PDU_R2T]: [
    'r2t.',
    [
      ['cccid', 2],
      ['ttag', 2],
      ['r2to', 4],
      ['r2tl', 4],
    ],
  ],
};

function sqeTable(b: Uint8Array, sqe: number, hdrEnd: number): Table {
  const opcode = sqe < hdrEnd ? b[sqe] : undefined;
  if (opcode === NVME_OPC_WRITE || opcode === NVME_OPC_READ) return SQE_RW;
  if (opcode === NVME_OPC_FABRICS)
    return sqe + 4 < hdrEnd && b[sqe + 4] === NVMF_FCTYPE_CONNECT ? SQE_CONNECT : SQE_FABRICS;
  return SQE_GENERIC;
}

/**
 * Labels for the PDU at bytes[offset..): the region is plen bytes (or what
 * is present, if fewer; at least the 8-byte common header). Never throws.
 */
export function pduFieldMap(bytes: Uint8Array, offset = 0): FieldLabel[] {
  const start = Number.isInteger(offset) ? Math.min(Math.max(offset, 0), bytes.length) : bytes.length;
  const avail = bytes.length - start;
  const plen = avail >= CH_LEN ? getU32LE(bytes, start + 4) : 0;
  const l = new Labeller(start, start + Math.min(avail, Math.max(plen, CH_LEN)));
  l.fields('ch.', CH);
  const info = avail >= CH_LEN ? PDU_TYPES[bytes[start]!] : undefined;
  if (info === undefined) {
    l.rest('unparsed');
    return l.labels;
  }
  const type = bytes[start]!;
  const flags = bytes[start + 1]!;
  const hdrEnd = start + Math.max(bytes[start + 2]!, CH_LEN);
  if (type === PDU_CAPSULE_CMD) l.fields('sqe.', sqeTable(bytes, start + CH_LEN, hdrEnd), hdrEnd);
  else {
    const [prefix, table] = PSH[type]!;
    l.fields(prefix, table, hdrEnd);
  }
  l.rest('reserved', hdrEnd);

  if (type === PDU_H2C_TERM_REQ || type === PDU_C2H_TERM_REQ) {
    l.rest('data (offending PDU header)');
    return l.labels;
  }
  if (info.hdgst && flags & CH_FLAG_HDGSTF) l.push('hdgst', DIGEST_LEN);
  const pdo = bytes[start + 3]!;
  if (info.ddgst && pdo !== 0 && start + pdo >= l.cursor) {
    l.rest('pad', start + pdo);
    // From plen, not the region end, so a truncated PDU does not show a false digest.
    const dataEnd = start + plen - (flags & CH_FLAG_DDGSTF ? DIGEST_LEN : 0);
    const isConnect = type === PDU_CAPSULE_CMD && sqeTable(bytes, start + CH_LEN, hdrEnd) === SQE_CONNECT;
    if (isConnect && dataEnd - l.cursor === NVMF_CONNECT_DATA_LEN)
      l.fields('connect_data.', CONNECT_DATA, dataEnd);
    else l.rest('data', dataEnd);
    if (flags & CH_FLAG_DDGSTF) l.push('ddgst', DIGEST_LEN);
  }
  l.rest('unparsed');
  return l.labels;
}
