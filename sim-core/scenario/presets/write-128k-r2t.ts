import type { Preset } from './types';

/**
 * 131072 > in_capsule_data_size (4096): the CapsuleCmd carries a Transport Data Block SGL, SPDK takes
 * one 128 KiB io unit from the shared pool, sends one R2T, and the host answers with one H2CData PDU
 * (maxh2cdata = max_io_size = 131072). The payload read asks for >= 1024 bytes with the pipe empty,
 * so posix_sock_readv reads straight into the request's iovec (spdk.directBytes > 0).
 */
export const write128kR2t: Preset = {
  id: 'write-128k-r2t',
  title: 'A 128 KiB write with R2T',
  description:
    'One 128 KiB write is too large for the capsule, so the target answers with an R2T and the host sends the data in an ' +
    'H2CData PDU. Watch the payload skip the pipe and go straight from the socket into the request buffer: one CPU copy per byte.',
  overrides: {
    workload: { ioSizeBytes: 131_072 },
  },
};
