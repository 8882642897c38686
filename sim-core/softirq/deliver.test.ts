import { describe, expect, it } from 'vitest';
import '../engine/cpu';
import { run } from '../engine/run';
import { counter } from '../ledger/ledger';
import { putU16BE } from '../wire/bytes';
import { internetChecksum } from '../wire/checksum';
import { codeInfo } from '../trace/codes';
import { nicSoftirqBalance } from './balance';
import {
  C_IP_LOCAL_DELIVER,
  C_IP_RCV,
  C_IP_RCV_DROP,
  C_RX_DROPPED,
  C_TCP_V4_RCV_DROP,
  IPDROP_CSUM,
  IPDROP_HDR,
  IPDROP_TRUNCATED,
} from './codes';
import { arrive, rig, rowsOf, seg } from './testkit';

function fixIpCsum(f: Uint8Array): Uint8Array {
  putU16BE(f, 24, 0);
  putU16BE(f, 24, internetChecksum(f, 14, 34));
  return f;
}

function deliver(frames: Uint8Array[]) {
  const r = rig();
  frames.forEach((f, i) => {
    arrive(r.sim, i * 1000, f);
  });
  run(r.sim);
  return r;
}

describe('ip_rcv', () => {
  it('delivers a good segment to tcp_v4_rcv and counts it', () => {
    const r = deliver([seg({ seq: 0, len: 100 })]);
    expect(r.delivered).toHaveLength(1);
    expect(counter(r.sim, 'ip.InReceives')).toBe(1);
    expect(counter(r.sim, 'ip.InDelivers')).toBe(1);
    expect(counter(r.sim, 'softirq.processed')).toBe(1);
    expect(rowsOf(r, C_IP_RCV)).toEqual([expect.objectContaining({ a: 152, b: 1 })]);
    expect(rowsOf(r, C_IP_LOCAL_DELIVER)).toEqual([expect.objectContaining({ a: 0, b: 100 })]);
    expect(r.sim.w.cpu.cores[0]!.busyNs.softirq).toBeGreaterThanOrEqual(100 + 300);
  });

  it('drops a bad header checksum (InCsumErrors and InHdrErrors)', () => {
    const bad = seg({ seq: 0, len: 100 });
    bad[24]! ^= 0xff;
    const r = deliver([bad, seg({ seq: 100, len: 100, ipId: 1 })]);
    expect(counter(r.sim, 'ip.InCsumErrors')).toBe(1);
    expect(counter(r.sim, 'ip.InHdrErrors')).toBe(1);
    expect(counter(r.sim, 'ip.InReceives')).toBe(2);
    expect(counter(r.sim, 'nic.rx_csum_offload_errors')).toBe(1);
    expect(rowsOf(r, C_IP_RCV_DROP)).toEqual([expect.objectContaining({ a: IPDROP_CSUM, b: 100 })]);
    expect(codeInfo(C_IP_RCV_DROP)!.marker).toBe('drop');
    expect(r.delivered.map((s) => s.seq)).toEqual([100]);
    const b = nicSoftirqBalance(r.sim.w);
    expect([b.payloadDropped, b.payloadToTcp, b.payloadOk]).toEqual([100, 100, true]);
  });

  it('drops a version other than 4', () => {
    const f = seg({ seq: 0, len: 10 });
    f[14] = 0x65;
    const r = deliver([fixIpCsum(f)]);
    expect(rowsOf(r, C_IP_RCV_DROP)).toEqual([expect.objectContaining({ a: IPDROP_HDR })]);
    expect(counter(r.sim, 'ip.InHdrErrors')).toBe(1);
    expect(r.delivered).toHaveLength(0);
  });

  it('drops a datagram whose tot_len is longer than what arrived', () => {
    const f = seg({ seq: 0, len: 100 });
    putU16BE(f, 16, 200 + 52);
    const r = deliver([fixIpCsum(f)]);
    expect(rowsOf(r, C_IP_RCV_DROP)).toEqual([expect.objectContaining({ a: IPDROP_TRUNCATED })]);
    expect(counter(r.sim, 'ip.InTruncatedPkts')).toBe(1);
    expect(r.delivered).toHaveLength(0);
  });

  it('drops a segment with a bad TCP checksum before it reaches TCP', () => {
    const f = seg({ seq: 0, len: 100 });
    f[f.length - 1]! ^= 0x01;
    const r = deliver([f]);
    expect(counter(r.sim, 'nic.rx_csum_offload_errors')).toBe(1);
    expect(counter(r.sim, 'tcp.InCsumErrors')).toBe(1);
    expect(rowsOf(r, C_TCP_V4_RCV_DROP)).toEqual([expect.objectContaining({ a: 1, b: 100 })]);
    expect(r.delivered).toHaveLength(0);
    expect(nicSoftirqBalance(r.sim.w).payloadOk).toBe(true);
  });

  it('drops a non-IPv4 frame at __netif_receive_skb_core (rx_dropped)', () => {
    const f = seg({ seq: 0, len: 10 });
    putU16BE(f, 12, 0x86dd);
    const r = deliver([f]);
    expect(rowsOf(r, C_RX_DROPPED)).toEqual([expect.objectContaining({ a: 0x86dd, b: 0 })]);
    expect(counter(r.sim, 'nic.rx_dropped')).toBe(1);
    expect(counter(r.sim, 'ip.InReceives')).toBe(0);
  });
});
