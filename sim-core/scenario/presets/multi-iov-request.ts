import type { Preset } from './types';

/**
 * io_unit_size 4096 makes a 64 KiB request own 16 buffers (req->iovcnt 16), and its single H2CData
 * payload is mapped over all of them by nvme_tcp_pdu_set_data_buf (16 data_iov pieces, the most
 * NVME_TCP_MAX_SGL_DESCRIPTORS allows) and read with one spdk_sock_readv.
 * max_io_size must drop to 65536 too: SPDK refuses max_io_size / io_unit_size > SPDK_NVMF_MAX_SGL_ENTRIES
 * (16), so 4096 with the default 131072 would not create the transport. maxh2cdata follows max_io_size
 * (65536), still one H2CData for the 64 KiB write.
 */
export const multiIovRequest: Preset = {
  id: 'multi-iov-request',
  title: 'One PDU scattered over 16 buffers',
  description:
    'With 4 KiB io units, a 64 KiB write gets 16 separate data buffers, and one H2CData payload is scattered over all of ' +
    'them in a single readv. Watch the bytes of one PDU fan out into many request buffers.',
  overrides: {
    spdk: { ioUnitSize: 4096, maxIoSize: 65_536 },
    workload: { ioSizeBytes: 65_536 },
  },
};
