import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { presetScenario } from './presets/index';
import { parseScenario } from './validate';

describe('DEFAULT_SCENARIO', () => {
  it('validates', () => {
    const r = parseScenario(DEFAULT_SCENARIO);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (r.ok) expect(r.scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('is the default preset exactly', () => {
    expect(presetScenario('write-4k-incapsule')).toEqual(DEFAULT_SCENARIO);
  });

  it('is deeply frozen, and parsing returns a fresh, unfrozen copy', () => {
    expect(Object.isFrozen(DEFAULT_SCENARIO)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCENARIO.cpu.costs)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SCENARIO.faults)).toBe(true);
    const r = parseScenario(DEFAULT_SCENARIO);
    if (!r.ok) throw new Error('defaults must validate');
    expect(r.scenario).not.toBe(DEFAULT_SCENARIO);
    expect(r.scenario.cpu.costs).not.toBe(DEFAULT_SCENARIO.cpu.costs);
    expect(Object.isFrozen(r.scenario.nic)).toBe(false);
  });

  it('carries the real Linux 6.5 / SPDK v24.09 values', () => {
    const s = DEFAULT_SCENARIO;
    expect(s.nic.rxRingSize).toBe(256); // IGB_DEFAULT_RXD
    expect(s.softirq).toMatchObject({
      netdevBudget: 300,
      netdevBudgetUsecs: 8000, // 2 jiffies at HZ 250
      napiWeight: 64,
      maxSoftirqRestart: 10,
      maxSoftirqTimeNs: 2_000_000,
      hz: 250,
      gro: true,
      groNormalBatch: 8,
    });
    expect(s.tcp).toMatchObject({
      rmemMax: 212_992,
      wmemMax: 212_992,
      soRcvbufRequest: 2_097_152,
      soSndbufRequest: 2_097_152,
      delayedAckNs: 40_000_000,
      rcvlowat: 1,
      rtoNs: 200_000_000,
    });
    expect(s.spdk).toMatchObject({
      inCapsuleDataSize: 4096,
      maxIoSize: 131_072,
      ioUnitSize: 131_072,
      numSharedBuffers: 511,
      bufCacheSize: 383, // UINT32_MAX resolved: 511 * 3 / 4 for one poll group
      maxQueueDepth: 128,
      headerDigest: false,
      dataDigest: false,
      difInsertOrStrip: false,
      pipeRewindOnEmpty: true,
    });
    expect(s.wire).toMatchObject({ linkRateBps: 1e9, mtu: 1500, tcpTimestamps: true });
    expect(s.workload).toMatchObject({ writes: 1, ioSizeBytes: 4096, queueDepth: 1, rawStreamHex: null });
    expect(s.limits).toEqual({ maxSimTimeNs: 5_000_000_000, maxEvents: 20_000_000 });
    expect(s.faults).toEqual([]);
  });
});
