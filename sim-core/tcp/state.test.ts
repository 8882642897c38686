import { describe, expect, it } from 'vitest';
import { initTcpState, tcpWinFromSpace } from './state';
import { tcpTestScenario } from './testing';

describe('initTcpState', () => {
  it('doubles the clamped SO_RCVBUF / SO_SNDBUF requests (2 MiB asked, rmem_max 212992)', () => {
    const t = initTcpState(tcpTestScenario(), 5);
    expect(t.rcvbuf).toBe(425_984);
    expect(t.sndbuf).toBe(425_984);
  });

  it('derives the MSS from the MTU and the timestamp option', () => {
    const s = tcpTestScenario();
    const t = initTcpState(s, 5);
    expect(t.advmss).toBe(1460);
    expect(t.mssCache).toBe(1448);
    expect(t.tcpHeaderLen).toBe(32);
    s.wire.tcpTimestamps = false;
    const n = initTcpState(s, 5);
    expect(n.mssCache).toBe(1460);
    expect(n.tcpHeaderLen).toBe(20);
    s.wire.mtu = 9000;
    expect(initTcpState(s, 5).mssCache).toBe(8960);
  });

  it('sets the window as the handshake and tcp_init_buffer_space leave it', () => {
    const t = initTcpState(tcpTestScenario(), 5);
    // tcp_full_space = 425984 / 2; the clamp keeps one advmss in reserve.
    expect(tcpWinFromSpace(t.rcvbuf)).toBe(212_992);
    expect(t.windowClamp).toBe(212_992 - 1460);
    // ilog2(212992) - 15 = 2; the initial window is capped at 65535 (no scaling in the SYN-ACK).
    expect(t.rcvWscale).toBe(2);
    expect(t.rcvWnd).toBe(65_535);
    expect(t.rcvSsthresh).toBe(65_535);
    // tcp_initialize_rcv_mss: TCP_MSS_DEFAULT until segments are measured.
    expect(t.ack.rcvMss).toBe(536);
  });

  it('a small rmem_max (zero-window preset) gives a smaller buffer and scale 1', () => {
    const s = tcpTestScenario();
    s.tcp.rmemMax = 65_536;
    const t = initTcpState(s, 5);
    expect(t.rcvbuf).toBe(131_072);
    expect(t.rcvWscale).toBe(1);
    expect(t.rcvWnd).toBe(45 * 1448); // rounded down to whole segments
    expect(t.windowClamp).toBe(65_536 - 1460);
  });

  it('starts every sequence pointer at irs, wrapped to u32', () => {
    const t = initTcpState(tcpTestScenario(), 2 ** 32 + 7);
    expect(t.irs).toBe(7);
    expect(t.rcvNxt).toBe(7);
    expect(t.copiedSeq).toBe(7);
    expect(t.rcvWup).toBe(7);
    expect(t.ownedByUser).toBe(false);
  });
});
