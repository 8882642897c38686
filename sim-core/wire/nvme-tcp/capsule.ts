/**
 * CapsuleCmd (the 64-byte SQE at @8, optional in-capsule data at PDO) and
 * CapsuleResp (the 16-byte CQE at @8, never data).
 */

import type { PDU_CAPSULE_CMD, PDU_CAPSULE_RESP } from './constants';
import type { NvmeCqe } from './cqe';
import type { NvmeSqe } from './sqe';

export interface CapsuleCmdPdu {
  type: typeof PDU_CAPSULE_CMD;
  /** Type-specific flags; the digest flags are set by emit from the options. */
  flags: number;
  sqe: NvmeSqe;
  /** In-capsule data (SGL1 Data Block / Offset); absent when none. */
  data?: Uint8Array;
}

export interface CapsuleRespPdu {
  type: typeof PDU_CAPSULE_RESP;
  flags: number;
  cqe: NvmeCqe;
}
