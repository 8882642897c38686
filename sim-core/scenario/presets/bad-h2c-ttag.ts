import type { Preset } from './types';

/**
 * PDUs: 1 ICReq, 2 Connect, 3 the 128 KiB write's CapsuleCmd, 4 its H2CData. ttag 0x1234 (4660) is
 * above the qpair's resource_count (max_queue_depth 128), so nvmf_tcp_h2c_data_hdr_handle answers with
 * a C2HTermReq, FES 0x02 (PDU sequence error), FEI 10 (offset of ttag in the H2CData header).
 * (A ttag in 1..128 whose request is not transferring would give FES 0x01 instead; ttag 0 is refused
 * by the schema because v24.09 would index reqs[-1].)
 */
export const badH2cTtag: Preset = {
  id: 'bad-h2c-ttag',
  title: 'H2CData with an unknown transfer tag',
  description:
    'The H2CData PDU of a 128 KiB write carries a transfer tag that no request owns. Watch the target reject the header ' +
    'with a C2HTermReq pointing at the ttag field, and the connection end.',
  overrides: {
    workload: { ioSizeBytes: 131_072 },
    faults: [{ kind: 'corrupt-field', pdu: 4, field: 'ttag', value: 0x1234 }],
  },
};
