import { describe, expect, it } from 'vitest';
import { defineHandler, schedule } from '../engine/sim';
import { initTcpState } from '../tcp/state';
import { C_TCP_PROBE, C_TCP_XMIT } from './codes';
import { initialPeerWindow, targetWscale } from './syn-ack';
import { hostSendAck } from './target-tx';
import { captureAll, fakeTarget, hostScenario, hostSim, runSim } from './testkit';

const MSS = 1448;

describe("the target's SYN-ACK (window scale and first window)", () => {
  it('matches what the target TCP chose for its SO_RCVBUF (rmem_max decides the shift)', () => {
    for (const rmemMax of [4096, 16_384, 65_536, 212_992, 1 << 20, 4 << 20]) {
      const s = hostScenario({ tcp: { rmemMax } });
      const tcp = initTcpState(s, 1);
      expect(targetWscale(s)).toBe(tcp.rcvWscale);
      expect(initialPeerWindow(s)).toBe(tcp.rcvWnd);
    }
    expect(targetWscale(hostScenario({ tcp: { rmemMax: 65_536 } }))).toBe(1);
    expect(targetWscale(hostScenario())).toBe(2);
  });

  it("puts the target's window on the wire with the target's shift, and the host reads it back exactly", () => {
    const s = hostScenario({ tcp: { rmemMax: 65_536 }, workload: { rawStreamHex: '00'.repeat(10) } });
    const sim = hostSim(s, { frameToTarget: () => {} });
    const cap = captureAll(sim);
    const base = (sim.w.host.tcp.iss + 1) >>> 0;
    // 64076 is a multiple of 2 (shift 1) but not of 128: a shift of 7 would lose 76 bytes.
    hostSendAck(sim, { ack: base, window: 64_076, sack: [], reason: 'quick' });
    runSim(sim);
    expect(cap.fromTarget[0]!.f.tcp.window).toBe(32_038);
    expect(sim.w.host.tcp.wnd).toBe(64_076);
  });
});

describe('tcp_write_xmit with TCP_NODELAY fills the window to its right edge', () => {
  it('sends the sub-MSS piece that ends exactly at snd_una + snd_wnd', () => {
    // A raw stream larger than the SYN-ACK's window; the target never answers.
    const s = hostScenario({
      workload: { rawStreamHex: '00'.repeat(100_000) },
      limits: { maxSimTimeNs: 1_000_000 },
    });
    const sim = hostSim(s, { frameToTarget: () => {} });
    runSim(sim);
    const wnd = initialPeerWindow(s);
    // The 16-bit field's maximum, 65535: 45 segments and 375 bytes.
    expect(wnd).toBe(65_535);
    const xmit = sim.rec.rows.filter((r) => r.code === C_TCP_XMIT);
    const full = Math.floor(wnd / MSS);
    expect(xmit.length).toBe(full + 1);
    expect(xmit[xmit.length - 1]!.b).toBe(wnd - full * MSS);
    expect(sim.w.host.tcp.nxt).toBe(wnd);
  });

  it('does not start a pass for less than one MSS of window: the persist timer sends it (tcp_write_wakeup)', () => {
    const s = hostScenario({
      workload: { rawStreamHex: '00'.repeat(100_000) },
      limits: { maxSimTimeNs: 250_000_000 },
    });
    const tgt = fakeTarget({ ack: false });
    const sim = hostSim(s, { frameToTarget: tgt.frameToTarget });
    defineHandler(188, 'test: ACK leaving a 616-byte window', (sm) => {
      const base = (sm.w.host.tcp.iss + 1) >>> 0;
      hostSendAck(sm, {
        ack: (base + tgt.stream().length) >>> 0,
        window: 616,
        sack: [],
        reason: 'delayed',
      });
    });
    schedule(sim, 5_000_000, 188);
    runSim(sim);
    const sent0 = initialPeerWindow(s);
    const rows = sim.rec.rows;
    const after = rows.filter((r) => (r.code === C_TCP_XMIT || r.code === C_TCP_PROBE) && r.t > 5_000_000);
    // Nothing right after the ACK; 200 ms later the probe timer sends the 616 bytes.
    expect(after).toHaveLength(1);
    expect(after[0]!.code).toBe(C_TCP_PROBE);
    expect(after[0]!.a).toBe(sent0);
    expect(after[0]!.b).toBe(616);
    expect(after[0]!.t).toBeGreaterThanOrEqual(205_000_000);
  });
});
