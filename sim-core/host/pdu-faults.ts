/**
 * PDU faults (scenario.faults with a `pdu` number): damage a built PDU before it is queued.
 * Pure functions on the PDU's bytes; the caller records the row.
 */
import { putU16LE, putU32LE } from '../wire/bytes';
import { crc32c } from '../wire/crc32c';
import { PDU_CAPSULE_CMD, PDU_H2C_DATA } from '../wire/nvme-tcp/constants';
import type { Fault, PduField } from '../scenario/types';
import type { BuiltPdu } from './pdu-build';

export type PduFault = Extract<Fault, { pdu: number }>;

/** Byte offset and width (bytes) of `field` in a PDU of `type`, or null when that PDU has no such field. */
export function fieldLocation(type: number, field: PduField): { off: number; width: 1 | 2 | 4 } | null {
  switch (field) {
    case 'pdu_type':
      return { off: 0, width: 1 };
    case 'flags':
      return { off: 1, width: 1 };
    case 'hlen':
      return { off: 2, width: 1 };
    case 'pdo':
      return { off: 3, width: 1 };
    case 'plen':
      return { off: 4, width: 4 };
    case 'cccid':
      // H2CData carries it at 8; in a CapsuleCmd the command id sits in the SQE (8 + 2).
      if (type === PDU_H2C_DATA) return { off: 8, width: 2 };
      if (type === PDU_CAPSULE_CMD) return { off: 10, width: 2 };
      return null;
    case 'ttag':
      return type === PDU_H2C_DATA ? { off: 10, width: 2 } : null;
    case 'datao':
      return type === PDU_H2C_DATA ? { off: 12, width: 4 } : null;
    case 'datal':
      return type === PDU_H2C_DATA ? { off: 16, width: 4 } : null;
  }
}

function flipDigest(b: Uint8Array, at: number): void {
  for (let i = 0; i < 4; i++) b[at + i] = ~b[at + i]! & 0xff;
}

/**
 * Apply `f` to `p` in place. Returns the row arguments for the fault row, or null when the PDU
 * has nothing to damage (no such digest or field).
 */
export function applyPduFault(p: BuiltPdu, f: PduFault): { a: number; b: number } | null {
  switch (f.kind) {
    case 'corrupt-hdgst':
      if (!p.hdgst) return null;
      flipDigest(p.head, p.hlen);
      return { a: f.pdu, b: p.type };
    case 'corrupt-ddgst':
      if (p.tail === null) return null;
      flipDigest(p.tail, 0);
      return { a: f.pdu, b: p.type };
    case 'corrupt-field': {
      const loc = fieldLocation(p.type, f.field);
      if (loc === null) return null;
      const v = f.value >>> 0;
      if (loc.width === 1) p.head[loc.off] = v & 0xff;
      else if (loc.width === 2) putU16LE(p.head, loc.off, v & 0xffff);
      else putU32LE(p.head, loc.off, v);
      // Recompute over the real header so that the digest agrees with the damaged field.
      if (p.hdgst) putU32LE(p.head, p.hlen, crc32c(p.head, 0, p.hlen));
      return { a: loc.off, b: v };
    }
  }
}
