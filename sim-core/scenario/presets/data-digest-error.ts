import type { Preset } from './types';

/**
 * PDUs are counted from the ICReq (1); 2 is the Connect, 3..5 the three 4 KiB in-capsule writes (QD 1),
 * so PDU 4 is the second write. Its data digest is wrong: SPDK completes it with
 * SPDK_NVME_SC_COMMAND_TRANSIENT_TRANSPORT_ERROR (0x22) without executing it; the connection stays and
 * the third write completes.
 */
export const dataDigestError: Preset = {
  id: 'data-digest-error',
  title: 'Data digest error',
  description:
    'Data digests are on and the second write arrives with a wrong one: that write fails with status 0x22 (transient transport ' +
    'error) and is not executed. Watch the connection stay up and the next write complete normally.',
  overrides: {
    spdk: { dataDigest: true },
    workload: { writes: 3 },
    faults: [{ kind: 'corrupt-ddgst', pdu: 4 }],
  },
};
