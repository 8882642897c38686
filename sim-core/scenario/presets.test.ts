import { describe, expect, it } from 'vitest';
import { effectiveRcvbuf, hostPduCount, poolBuffersPerWrite } from './cross';
import { ScenarioValidationError } from './errors';
import { DEFAULT_PRESET_ID, getPreset, PRESET_IDS, PRESETS, presetScenario } from './presets/index';
import type { Scenario } from './types';
import { parseScenario } from './validate';

/** The ids of SCENARIOS.md in its order (`gro-on-off` is two presets). */
const SCENARIO_IDS = [
  'write-4k-incapsule',
  'write-128k-r2t',
  'multi-iov-request',
  'pipe-wrap',
  'header-split',
  'ring-overrun',
  'gro-on',
  'gro-off',
  'backlog',
  'out-of-order',
  'budget-squeeze',
  'jumbo-multi-desc',
  'zero-window',
  'buffer-pool-exhausted',
  'data-digest-error',
  'header-digest-error',
  'bad-h2c-ttag',
  '10g-sustained',
];

const WIRE_FRAME_OVERHEAD = 14 + 4 + 8 + 12; // Ethernet header, FCS, preamble + SFD, inter-frame gap

function mss(s: Scenario): number {
  return s.wire.mtu - 40 - (s.wire.tcpTimestamps ? 12 : 0);
}
function frameNs(s: Scenario): number {
  return ((s.wire.mtu + WIRE_FRAME_OVERHEAD) * 8 * 1e9) / s.wire.linkRateBps;
}

describe('preset library', () => {
  it('has every SCENARIOS.md preset, in order, with unique ids', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(SCENARIO_IDS);
    expect(PRESET_IDS).toEqual(SCENARIO_IDS);
    expect(DEFAULT_PRESET_ID).toBe('write-4k-incapsule');
    expect(getPreset('gro-on-off')).toBeUndefined();
  });

  it.each(SCENARIO_IDS)('%s validates and says what to watch', (id) => {
    const preset = getPreset(id)!;
    expect(preset.id).toBe(id);
    expect(preset.title.trim()).not.toBe('');
    expect(preset.description.trim().length).toBeGreaterThan(20);
    const sentences = preset.description.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 0);
    expect(sentences.length).toBeLessThanOrEqual(2);
    const s = presetScenario(id);
    expect(s.id).toBe(id);
    expect(s.title).toBe(preset.title);
    expect(s.description).toBe(preset.description);
    const again = parseScenario(s);
    expect(again.ok).toBe(true);
  });

  it('returns a fresh scenario each time', () => {
    const a = presetScenario('ring-overrun');
    a.nic.rxRingSize = 4096;
    expect(presetScenario('ring-overrun').nic.rxRingSize).toBe(80);
  });

  it('throws a typed error for an unknown id', () => {
    expect(() => presetScenario('nope')).toThrow(ScenarioValidationError);
    try {
      presetScenario('nope');
    } catch (e) {
      expect((e as ScenarioValidationError).errors[0]!.path).toBe('preset');
      expect((e as ScenarioValidationError).message).toContain('write-4k-incapsule');
    }
  });
});

// The arithmetic behind each preset's figure, so that tuning a number cannot silently defeat it.
describe('preset mechanisms', () => {
  it('write-128k-r2t: the write is not in-capsule', () => {
    const s = presetScenario('write-128k-r2t');
    expect(s.workload.ioSizeBytes).toBeGreaterThan(s.spdk.inCapsuleDataSize);
  });

  it('multi-iov-request: one request over 16 io units (the data_iov maximum)', () => {
    const s = presetScenario('multi-iov-request');
    expect(poolBuffersPerWrite(s)).toBe(16);
    expect(s.workload.ioSizeBytes).toBeLessThanOrEqual(s.spdk.maxIoSize); // one H2CData (maxh2cdata)
  });

  it('pipe-wrap: every read is under MIN_SOCK_PIPE_SIZE, so everything goes through the pipe', () => {
    const s = presetScenario('pipe-wrap');
    expect(s.workload.ioSizeBytes).toBeLessThan(1024);
    expect(s.workload.ioSizeBytes).toBeLessThanOrEqual(s.spdk.inCapsuleDataSize);
    const pipe = (s.spdk.inCapsuleDataSize + 72 + 8) * 8 - 64; // no digests
    expect(s.workload.writes * (72 + s.workload.ioSizeBytes)).toBeGreaterThan(2 * pipe);
  });

  it('header-split: segment boundaries fall inside common headers of the queued writes', () => {
    const s = presetScenario('header-split');
    const m = mss(s);
    const pduLen = 72 + s.workload.ioSizeBytes;
    expect(s.workload.ioSizeBytes).toBeLessThanOrEqual(s.spdk.inCapsuleDataSize);
    const splits: number[] = [];
    for (let k = 1; k < Math.min(s.workload.writes, s.workload.queueDepth); k++) {
      const start = k * pduLen; // offset from the first write, which starts a segment
      const into = (m - (start % m)) % m; // bytes of this header in the earlier segment
      if (into > 0 && into < 8) splits.push(into);
    }
    expect(splits).toEqual([2, 4, 6]);
    expect(s.nic.itrIntsPerSec).toBe(0); // one segment per interrupt: separate reads
    // and at MTU 1500 it could not happen: all lengths are multiples of 8, and so is MSS 1448
    expect(1448 % 8).toBe(0);
    expect(pduLen % 8).toBe(0);
  });

  it('ring-overrun: more frames arrive between two interrupts than the ring holds', () => {
    const s = presetScenario('ring-overrun');
    const framesPerInterval = 1e9 / s.nic.itrIntsPerSec / frameNs(s);
    expect(framesPerInterval).toBeGreaterThan(s.nic.rxRingSize - 1);
    const windowSegments = effectiveRcvbuf(s.tcp) / 2 / mss(s);
    expect(windowSegments).toBeGreaterThan(s.nic.rxRingSize - 1);
    expect(s.cpu.reactorCore).toBe(0);
  });

  it('gro-on / gro-off: same workload, GRO differs', () => {
    const on = presetScenario('gro-on');
    const off = presetScenario('gro-off');
    expect(on.softirq.gro).toBe(true);
    expect(off.softirq.gro).toBe(false);
    expect(on.workload).toEqual(off.workload);
  });

  it('backlog: the copy of a segment takes a good share of the gap between segments', () => {
    const s = presetScenario('backlog');
    const copyNs = (mss(s) * s.cpu.costs.copyPsPerByte) / 1000;
    expect(copyNs / frameNs(s)).toBeGreaterThan(0.3);
    expect(copyNs).toBeLessThan(frameNs(s)); // the reader still keeps up
    expect(s.cpu.reactorCore).toBe(1);
  });

  it('out-of-order: the dropped segment is in the middle of the H2CData', () => {
    const s = presetScenario('out-of-order');
    const f = s.faults[0]!;
    expect(f.kind).toBe('drop-segment');
    const h2cSegments = Math.ceil((24 + s.workload.ioSizeBytes) / mss(s));
    if (f.kind === 'drop-segment') {
      expect(f.segment).toBeGreaterThan(3); // after ICReq, Connect, CapsuleCmd
      expect(f.segment).toBeLessThan(3 + h2cSegments - 3); // at least 3 later segments for dup ACKs
    }
  });

  it('budget-squeeze: one interrupt finds far more than netdev_budget frames, and they fit', () => {
    const s = presetScenario('budget-squeeze');
    const frames = 1e9 / s.nic.itrIntsPerSec / frameNs(s);
    expect(frames).toBeGreaterThan(s.softirq.netdevBudget * s.softirq.maxSoftirqRestart);
    expect(frames).toBeLessThan(s.nic.rxRingSize - 1);
    expect(effectiveRcvbuf(s.tcp) / 2).toBeGreaterThan(frames * mss(s));
  });

  it('jumbo-multi-desc: a frame needs several 2048-byte buffers', () => {
    const s = presetScenario('jumbo-multi-desc');
    expect(Math.ceil((s.wire.mtu + 14) / s.nic.rxBufferSize)).toBe(5);
  });

  it('zero-window: the reactor stays away for two delayed ACKs after the buffer fills', () => {
    const s = presetScenario('zero-window');
    const fillNs = (effectiveRcvbuf(s.tcp) * 8 * 1e9) / s.wire.linkRateBps;
    // The first timer ACK hands out the space left, the second has none to offer.
    expect(s.spdk.pollIntervalNs).toBeGreaterThan(2 * s.tcp.delayedAckNs + fillNs);
    // One write's data is more than the window the buffer can offer (half of sk_rcvbuf).
    expect(s.workload.ioSizeBytes).toBeGreaterThan(effectiveRcvbuf(s.tcp) / 2);
    expect(s.workload.writes * s.workload.ioSizeBytes).toBeGreaterThanOrEqual(4 * effectiveRcvbuf(s.tcp));
  });

  it('buffer-pool-exhausted: more concurrent buffer needs than buffers', () => {
    const s = presetScenario('buffer-pool-exhausted');
    expect(s.workload.queueDepth * poolBuffersPerWrite(s)).toBeGreaterThan(s.spdk.numSharedBuffers);
    expect(s.workload.writes).toBeGreaterThanOrEqual(s.workload.queueDepth);
  });

  it('data-digest-error: the corrupted PDU is a write with data, and a later write follows', () => {
    const s = presetScenario('data-digest-error');
    const f = s.faults[0]!;
    expect(f).toEqual({ kind: 'corrupt-ddgst', pdu: 4 });
    expect(s.spdk.dataDigest).toBe(true);
    expect(hostPduCount(s)).toBeGreaterThan(4);
  });

  it('header-digest-error: the write CapsuleCmd has a bad header digest', () => {
    const s = presetScenario('header-digest-error');
    expect(s.faults).toEqual([{ kind: 'corrupt-hdgst', pdu: 3 }]);
    expect(s.spdk.headerDigest).toBe(true);
  });

  it('bad-h2c-ttag: the corrupted PDU is the H2CData and its ttag is owned by no request', () => {
    const s = presetScenario('bad-h2c-ttag');
    expect(s.workload.queueDepth).toBe(1);
    expect(hostPduCount(s)).toBe(4); // ICReq, Connect, CapsuleCmd, H2CData
    const f = s.faults[0]!;
    expect(f.kind === 'corrupt-field' && f.field === 'ttag' && f.pdu === 4).toBe(true);
    if (f.kind === 'corrupt-field') expect(f.value).toBeGreaterThan(s.spdk.maxQueueDepth);
  });

  it('10g-sustained: about one second of payload at 10 Gb/s', () => {
    const s = presetScenario('10g-sustained');
    const seconds = (s.workload.writes * s.workload.ioSizeBytes * 8) / s.wire.linkRateBps;
    expect(seconds).toBeGreaterThan(0.95);
    expect(seconds).toBeLessThan(1.05);
    expect(s.workload.queueDepth).toBe(32);
    expect(s.cpu.reactorCore).toBe(1);
  });
});
