import { describe, expect, it } from 'vitest';
import { Proc } from '../engine/cpu';
import type { Chunk } from '../host/state';
import { C_IGB_DMA, C_IGB_MSIX_RING } from '../nic/codes';
import { DEFAULT_SCENARIO } from '../scenario';
import { createWorld } from '../setup';
import type { Skb } from '../skb/skb';
import { MACHINE_RECV } from '../spdk/nvmf/constants';
import { initTcpState } from '../tcp/state';
import { STATE_CODE_BASE } from '../trace/machines';
import { chunkCid, pduSpans } from './color';
import { cpuView } from './cpu';
import { writeIovs } from './pipe';
import { firstPayloadSeq } from './ring';
import { describeRow } from './row';
import { MAX_QUEUE_SKBS, tcpView } from './tcp';

/** Ethernet + IPv4 (IHL 5) + TCP (doff 8: 32 bytes with timestamps) + `pay` payload bytes. */
function frame(seq: number, pay: number): Uint8Array {
  const f = new Uint8Array(14 + 20 + 32 + pay);
  f[12] = 0x08;
  f[14] = 0x45;
  const tot = 20 + 32 + pay;
  f[16] = tot >> 8;
  f[17] = tot & 0xff;
  f[23] = 6;
  new DataView(f.buffer).setUint32(34 + 4, seq);
  f[34 + 12] = 8 << 4;
  return f;
}

describe('ring: firstPayloadSeq', () => {
  const seq = 0xfffffff0;
  const f = frame(seq, 3000);
  it('reads the first payload byte of each descriptor piece, wrapping at 2^32', () => {
    expect(firstPayloadSeq(f, 0, 2048)).toBe(seq);
    // The second buffer starts 2048 - 66 payload bytes in.
    expect(firstPayloadSeq(f, 2048, f.length - 2048)).toBe((seq + 2048 - 66) >>> 0);
  });
  it('is -1 for a piece with headers only, or a frame that is not IPv4/TCP', () => {
    expect(firstPayloadSeq(f, 0, 60)).toBe(-1);
    expect(firstPayloadSeq(frame(1, 0), 0, 66)).toBe(-1);
    const arp = frame(1, 10);
    arp[13] = 0x06;
    expect(firstPayloadSeq(arp, 0, arp.length)).toBe(-1);
  });
});

describe('pipe: writeIovs', () => {
  it('one iovec when the write did not wrap, two when it did', () => {
    expect(writeIovs(100, 300, 1024)).toEqual([[200, 100]]);
    expect(writeIovs(100, 0, 1024)).toEqual([[924, 100]]);
    expect(writeIovs(300, 76, 1024)).toEqual([
      [800, 224],
      [0, 76],
    ]);
    expect(writeIovs(0, 5, 1024)).toEqual([]);
  });
});

describe('color: chunkCid and pduSpans', () => {
  const header = (type: number, at: number, cid: number) => {
    const b = new Uint8Array(72);
    b[0] = type;
    b[at] = cid & 0xff;
    b[at + 1] = cid >> 8;
    return b;
  };
  it('names the command of a payload part, or reads it from a CapsuleCmd or H2CData header', () => {
    const part = { cid: 9, off: 0, len: 10, total: 10 };
    expect(chunkCid({ off: 0, len: 82, id: 1, parts: [{ bytes: header(4, 10, 3) }, part] })).toBe(9);
    expect(chunkCid({ off: 0, len: 72, id: 1, parts: [{ bytes: header(4, 10, 0x1234) }] })).toBe(0x1234);
    expect(chunkCid({ off: 0, len: 72, id: 1, parts: [{ bytes: header(6, 8, 77) }] })).toBe(77);
    expect(chunkCid({ off: 0, len: 72, id: 1, parts: [{ bytes: header(0, 8, 77) }] })).toBe(-1);
  });
  it('cuts a range of the stream at PDU borders', () => {
    const w = createWorld(DEFAULT_SCENARIO);
    w.tcp = initTcpState(DEFAULT_SCENARIO, 1000);
    const q: Chunk[] = [
      { off: 0, len: 72, id: 11, parts: [{ bytes: header(4, 10, 1) }] },
      { off: 72, len: 100, id: 12, parts: [{ cid: 2, off: 0, len: 100, total: 100 }] },
    ];
    w.host.tcp.q = q;
    expect(pduSpans(w, 1000 + 50, 200)).toEqual([
      [0, 22, 1, 11],
      [22, 100, 2, 12],
    ]);
    expect(pduSpans(w, 999, 10)).toEqual([]);
  });
});

describe('tcp: queues', () => {
  it('cuts a long queue in the middle and keeps whole-queue totals', () => {
    const w = createWorld(DEFAULT_SCENARIO);
    w.tcp = initTcpState(DEFAULT_SCENARIO, 5000);
    const skb = (i: number): Skb => ({
      id: i + 1,
      seq: 5000 + i * 10,
      len: 10,
      tcpFlags: 0,
      ack: 0,
      frags: [],
      segs: 1,
      truesize: 768,
      frameIds: [],
      consumed: 0,
    });
    w.tcp.receiveQueue = Array.from({ length: 100 }, (_, i) => skb(i));
    const v = tcpView(w);
    expect(v.receive).toHaveLength(MAX_QUEUE_SKBS);
    expect(v.receive[0]!.id).toBe(1);
    expect(v.receive[MAX_QUEUE_SKBS - 1]!.id).toBe(100);
    expect(v.totals.receive).toEqual({ skbs: 100, bytes: 1000, cut: 100 - MAX_QUEUE_SKBS });
  });
  it('shows an empty connection before the start event', () => {
    const v = tcpView(createWorld(DEFAULT_SCENARIO));
    expect(v.established).toBe(false);
    expect(v.receive).toEqual([]);
  });
});

describe('cpu', () => {
  it('says who runs on each core', () => {
    const w = createWorld(DEFAULT_SCENARIO);
    w.now = 1000;
    const [c0, c1] = w.cpu.cores;
    c0!.irqBusyUntil = 2000;
    c1!.procRunning = Proc.Reactor;
    expect(cpuView(w, null).cores.map((c) => c.running)).toEqual(['hardirq', 'reactor']);
    c0!.softirqRunning = true;
    expect(cpuView(w, null).cores[0]!.running).toBe('softirq');
    c0!.irqBusyUntil = 0;
    c0!.softirqRunning = false;
    expect(cpuView(w, null).cores[0]!.running).toBe('idle');
    const irqRow = describeRow(3, { t: 1000, code: C_IGB_MSIX_RING, obj: 0, a: 1, b: 0 });
    expect(cpuView(w, irqRow).cores[0]!.running).toBe('hardirq');
  });
});

describe('describeRow', () => {
  it('names a state row by machine and states', () => {
    const r = describeRow(7, { t: 5, code: STATE_CODE_BASE + MACHINE_RECV, obj: 3, a: 0, b: 1 });
    expect(r.layer).toBe('state');
    expect(r.from).toBe('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_READY');
    expect(r.to).toBe('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_CH');
    expect(r.machine).toBeTruthy();
  });
  it('gives a code-book row its function, file and pinned link', () => {
    const r = describeRow(1, { t: 5, code: C_IGB_DMA, obj: 0, a: 1514, b: 9 });
    expect(r.url).toMatch(
      /^https:\/\/elixir\.bootlin\.com\/linux\/v6\.5\/source\/drivers\/net\/ethernet\/intel\/igb\//,
    );
    expect(r.caption.length).toBeGreaterThan(10);
    expect(describeRow(2, { t: 0, code: 65000, obj: 0, a: 0, b: 0 }).fn).toBe('code 65000');
  });
});
