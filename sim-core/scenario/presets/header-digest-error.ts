import type { Preset } from './types';

/** PDU 3 is the write's CapsuleCmd (1 ICReq, 2 Connect). A header digest mismatch ends the connection. */
export const headerDigestError: Preset = {
  id: 'header-digest-error',
  title: 'Header digest error',
  description:
    "Header digests are on and the write's command capsule arrives with a wrong one: the target cannot trust the header, " +
    'sends a C2HTermReq with FES 0x03 and the receive machine enters QUIESCING, where v24.09 leaves it (the PDU still counts as in use) until a 30 s exit timer, not modelled, closes the qpair.',
  overrides: {
    spdk: { headerDigest: true },
    faults: [{ kind: 'corrupt-hdgst', pdu: 3 }],
  },
};
