/**
 * The copy ledger and every counter of the run (MODEL.md section 8). Counters use the
 * upstream names, prefixed by stage: 'nic.rx_missed_errors', 'softirq.time_squeeze',
 * 'tcp.TCPBacklogDrop', 'nvmf.need_buffer_waits' ... A drop is always a counter, so
 * "bytes are never lost silently" can be checked: in = out + held + counted drops.
 */
import type { Sim } from '../engine/sim';

export interface Ledger {
  /** Bytes the NIC wrote into ring buffers (no CPU). */
  dmaBytes: number;
  /** Bytes tcp_recvmsg copied from skbs to user space (skb_copy_datagram_msg). */
  kernelCopyBytes: number;
  /** Bytes readv put into the SPDK recv pipe (spdk.pipeBytes). */
  pipeBytes: number;
  /** Bytes readv put straight into the caller's iovecs, bypassing the pipe (spdk.directBytes). */
  directBytes: number;
  /** Bytes copied out of the pipe into the caller's iovecs (spdk_iovcpy: a second CPU copy). */
  pipeCopyBytes: number;
  /** posix_sock_read readv calls that used two iovecs (the pipe's free space wrapped). */
  readvTwoIov: number;
  /** Write payload bytes that reached request buffers: straight from the kernel, or through the pipe. */
  payloadDirectBytes: number;
  payloadViaPipeBytes: number;
  /** Named counters, upstream names, stage-prefixed. */
  c: Record<string, number>;
}

export function initLedger(): Ledger {
  return {
    dmaBytes: 0,
    kernelCopyBytes: 0,
    pipeBytes: 0,
    directBytes: 0,
    pipeCopyBytes: 0,
    readvTwoIov: 0,
    payloadDirectBytes: 0,
    payloadViaPipeBytes: 0,
    c: {},
  };
}

export function bump(sim: Sim, name: string, n = 1): void {
  const c = sim.w.ledger.c;
  c[name] = (c[name] ?? 0) + n;
}

export function counter(sim: { w: { ledger: Ledger } }, name: string): number {
  return sim.w.ledger.c[name] ?? 0;
}

/** CPU copies per payload byte: 1.0 when payload goes straight to request iovecs, 2.0 via the pipe. */
export function cpuCopiesPerPayloadByte(l: Ledger): number {
  const payload = l.payloadDirectBytes + l.payloadViaPipeBytes;
  if (payload === 0) return 0;
  return (l.payloadDirectBytes + 2 * l.payloadViaPipeBytes) / payload;
}
