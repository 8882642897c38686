import { describe, expect, it } from 'vitest';
import * as wire from './index';

describe('wire barrel', () => {
  it('re-exports the public API of every file (frame + PDU + pcap round trip through it)', () => {
    const pdu = wire.emitPdu(
      { type: wire.PDU_R2T, flags: 0, cccid: 1, ttag: 2, r2to: 0, r2tl: 4096 },
      { hdgst: true, ddgst: false },
    );
    const frame = wire.emitFrame({
      eth: { dst: 1, src: 2, ethertype: wire.ETHERTYPE_IPV4 },
      ip: {
        dscp: 0,
        ecn: 0,
        identification: 0,
        flags: wire.IPV4_FLAG_DF,
        fragmentOffset: 0,
        ttl: 64,
        protocol: wire.IPPROTO_TCP,
        src: 1,
        dst: 2,
      },
      tcp: {
        srcPort: 4420,
        dstPort: 50000,
        seq: 0,
        ack: 0,
        flags: wire.TCP_ACK,
        window: 100,
        urgent: 0,
        options: {},
      },
      payload: pdu,
    });
    const w = wire.pcapWriter();
    w.add(0, frame);
    const cap = wire.parsePcap(w.finish());
    expect(cap.ok).toBe(true);
    if (!cap.ok) return;
    const f = wire.parseFrame(cap.packets[0]!.data);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const p = wire.parsePdu(f.value.payload);
    expect(p.ok && p.value.type === wire.PDU_R2T && p.headerDigest?.ok).toBe(true);
    // internal helpers stay internal
    expect('readR2T' in wire).toBe(false);
    expect('fail' in wire).toBe(false);
  });
});
