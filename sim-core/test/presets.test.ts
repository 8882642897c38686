/**
 * Every preset runs to its end and shows what it exists to teach (SCENARIOS.md): the figure,
 * the summary contract, integrity, byte conservation in the final world, and the teaching facts
 * each preset claims, checked against the summary, the final world and the trace.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../scenario';
import { type SimulateResult, simulate } from '../simulate';
import { C_DDGST_BAD, C_READ_DATA, C_REQ_COMPLETE } from '../spdk/nvmf/codes';
import { MACHINE_RECV, RS_AWAIT_PDU_CH, RS_ERROR, RS_QUIESCING } from '../spdk/nvmf/constants';
import { STATE_CODE_BASE } from '../trace/machines';
import {
  ALL_PRESETS,
  conservationProblems,
  rowTally,
  summaryContractProblems,
  TEN_G,
  testScenario,
  traceRows,
} from './support';

const cache = new Map<string, SimulateResult>();
/** One run per preset for the whole file. */
function result(id: string): SimulateResult {
  let r = cache.get(id);
  if (r === undefined) {
    r = simulate(testScenario(id));
    cache.set(id, r);
  }
  return r;
}

/**
 * Presets whose figure is known not to show yet, skipped with a reason. Empty now: `zero-window`
 * (being fixed by another engineer when this was written) shows its figure with that fix.
 */
const FIGURE_PENDING = new Map<string, string>();

describe.each(ALL_PRESETS.map((id) => ({ id })))('preset $id', ({ id }) => {
  it('runs to idle with a summary that keeps the contract', () => {
    const { summary: s } = result(id);
    expect(summaryContractProblems(s)).toEqual([]);
    expect(s.scenario).toBe(id);
    expect(s.stopReason).toBe('idle');
    expect(s.events).toBe(result(id).trace.length);
    expect(s.traceHash).toBe(result(id).trace.traceHash);
    expect(s.simTimeNs).toBe(result(id).world.now);
    expect(s.simTimeNs).toBeGreaterThan(0);
  });

  it('keeps integrity: every completed write has its bytes, every issued write is accounted for', () => {
    const { summary: s, world: w } = result(id);
    expect(s.integrity).toMatchObject({ ok: true, errors: 0, unaccounted: 0 });
    // The nvmf target checked every byte of every completed write against the host's pattern.
    expect(s.integrity.payloadBytes).toBe(s.nvmf.completed * w.scenario.workload.ioSizeBytes);
    expect(s.nvmf.completed).toBe(s.host.writesCompleted);
    expect(s.nvmf.failed).toEqual(s.host.writesFailed);
    if (s.nvmf.termReqs.length === 0) {
      // The connection stayed up: every write came back, every byte sent was read and consumed.
      expect(s.nvmf.completed + s.nvmf.failed.length).toBe(w.scenario.workload.writes);
      expect(s.host.bytesAcked).toBe(s.host.bytesSent);
      expect(s.copies.kernelCopyBytes).toBe(s.host.bytesSent);
      expect(s.spdk.directBytes + s.spdk.pipeCopyBytes).toBe(s.host.bytesSent);
    }
  });

  it('conserves bytes at every queue in the final world', () => {
    const r = result(id);
    expect(conservationProblems(r.world, rowTally(r.trace))).toEqual([]);
  });

  const figure = () => {
    const f = result(id).summary.figure;
    expect(f, 'every preset has a figure').not.toBeNull();
    expect(f!.shown, `${f!.label}: ${f!.value}`).toBe(true);
  };
  const pending = FIGURE_PENDING.get(id);
  if (pending !== undefined) it.skip(`shows its figure (pending: ${pending})`, figure);
  else it('shows its figure', figure);
});

describe('the contract check itself', () => {
  it('names a missing or mistyped field', () => {
    const good = structuredClone(result('write-4k-incapsule').summary);
    expect(summaryContractProblems(good)).toEqual([]);
    const bad = structuredClone(good) as unknown as Record<string, Record<string, unknown>>;
    delete bad.tcp!.ofoSegments;
    bad.integrity!.ok = 'yes';
    (bad as Record<string, unknown>).traceHash = 'not-hex';
    bad.nvmf!.failed = [{ cid: 1 }];
    const problems = summaryContractProblems(bad).map((p) => p.split(':')[0]);
    expect(problems).toEqual(['traceHash', 'integrity.ok', 'tcp.ofoSegments', 'nvmf.failed']);
  });
});

/** How many times each PDU's 8-byte common header was read in pieces, from the trace. */
function chReadsByPdu(r: SimulateResult): Map<number, number[]> {
  const reads = new Map<number, number[]>();
  let state = -1;
  for (const row of traceRows(r.trace)) {
    if (row.code === STATE_CODE_BASE + MACHINE_RECV) state = row.b;
    else if (row.code === C_READ_DATA && state === RS_AWAIT_PDU_CH && row.b > 0) {
      const list = reads.get(row.obj) ?? [];
      list.push(row.b);
      reads.set(row.obj, list);
    }
  }
  return reads;
}

/** The receive machine's states in the order they were entered. */
function recvPath(r: SimulateResult): number[] {
  const path: number[] = [];
  for (const row of traceRows(r.trace)) {
    if (row.code === STATE_CODE_BASE + MACHINE_RECV) path.push(row.b);
  }
  return path;
}

describe('what each preset teaches', () => {
  it('write-4k-incapsule: the 4 KiB rides in its capsule, through the pipe (two CPU copies)', () => {
    const s = result('write-4k-incapsule').summary;
    expect(s.nvmf.completed).toBe(1);
    expect(s.nvmf.pdus.H2CData ?? 0).toBe(0);
    expect(s.counters['nvmf.sent.R2T'] ?? 0).toBe(0);
    expect(s.integrity.payloadBytes).toBe(4096);
    expect(s.copies.cpuBytesPerPayloadByte).toBe(2);
  });

  it('write-128k-r2t: R2T, one H2CData, payload read mostly straight into the request (~1 copy)', () => {
    const s = result('write-128k-r2t').summary;
    expect(s.nvmf.pdus.H2CData).toBe(1);
    expect(s.counters['nvmf.sent.R2T']).toBe(1);
    expect(s.spdk.directBytes).toBeGreaterThan(s.spdk.pipeBytes);
    expect(s.copies.cpuBytesPerPayloadByte).toBeGreaterThanOrEqual(1);
    expect(s.copies.cpuBytesPerPayloadByte).toBeLessThan(1.2);
  });

  it('multi-iov-request: one H2CData payload scattered over every io_unit buffer of the request', () => {
    const r = result('multi-iov-request');
    const { ioSizeBytes } = r.world.scenario.workload;
    expect(r.summary.nvmf.maxDataIovs).toBe(ioSizeBytes / r.world.scenario.spdk.ioUnitSize);
  });

  it('pipe-wrap: the pipe wraps (two-iovec readv), payload copied twice; v24.09 rewinding avoids it', () => {
    const s = result('pipe-wrap').summary;
    expect(s.spdk.readvTwoIov).toBeGreaterThan(0);
    expect(s.copies.cpuBytesPerPayloadByte).toBe(2);
    const rewound = resolveScenario({ preset: 'pipe-wrap', spdk: { pipeRewindOnEmpty: true } });
    if (!rewound.ok) throw new Error(JSON.stringify(rewound.errors));
    const v2409 = simulate(rewound.scenario).summary;
    expect(v2409.spdk.readvTwoIov).toBe(0);
    expect(v2409.integrity.ok).toBe(true);
  });

  it('header-split: a common header arrives in two reads (AWAIT_PDU_CH runs twice for one PDU)', () => {
    const r = result('header-split');
    const reads = chReadsByPdu(r);
    const split = [...reads.values()].filter((l) => l.length >= 2);
    expect(split.length).toBeGreaterThan(0);
    expect(split.length).toBe(r.summary.nvmf.chSplitPdus);
    // ch_valid_bytes grows in steps that add up to exactly the 8-byte header.
    for (const l of split) {
      expect(l.reduce((x, y) => x + y, 0)).toBe(8);
      expect(l[0]).toBeLessThan(8);
    }
    // In the default scenario every header comes in one read.
    expect([...chReadsByPdu(result('write-4k-incapsule')).values()].every((l) => l.length === 1)).toBe(true);
  });

  it('ring-overrun: frames drop at the ring, TCP retransmits, every write still lands', () => {
    const r = result('ring-overrun');
    const s = r.summary;
    expect(s.nic.overrunDrops).toBeGreaterThan(0);
    expect(s.host.retransmissions).toBeGreaterThan(0);
    expect(s.nvmf.completed).toBe(r.world.scenario.workload.writes);
    expect(s.integrity.ok).toBe(true);
  });

  it('gro-on vs gro-off: GRO merges segments into fewer skbs; the same bytes arrive either way', () => {
    const on = result('gro-on').summary;
    const off = result('gro-off').summary;
    expect(on.gro.merged).toBeGreaterThan(0);
    expect(off.gro.merged).toBe(0);
    expect(on.counters['ip.InReceives']).toBeLessThan(off.counters['ip.InReceives']!);
    expect(on.integrity.payloadBytes).toBe(off.integrity.payloadBytes);
  });

  it('backlog: segments queue on the backlog while the reader holds the socket', () => {
    const s = result('backlog').summary;
    expect(s.tcp.backlogSegments).toBeGreaterThan(0);
    expect(s.tcp.backlogDrops).toBe(0);
  });

  it('out-of-order: a lost segment parks later ones in the ofo queue until the retransmission', () => {
    const s = result('out-of-order').summary;
    expect(s.tcp.ofoSegments).toBeGreaterThan(0);
    expect(s.host.retransmissions).toBeGreaterThanOrEqual(1);
    expect(s.counters['wire.faultDrops']).toBe(1);
    expect(s.integrity.ok).toBe(true);
  });

  it('budget-squeeze: net_rx_action runs out of budget or time', () => {
    expect(result('budget-squeeze').summary.softirq.timeSqueeze).toBeGreaterThan(0);
  });

  it('jumbo-multi-desc: MTU 9000 frames span several 2048-byte descriptors', () => {
    const s = result('jumbo-multi-desc').summary;
    expect(s.nic.multiDescFrames).toBeGreaterThan(0);
    expect(s.nic.multiDescFrames).toBeLessThanOrEqual(s.nic.rxPackets);
  });

  it('zero-window: the window closes, the host stalls, then resumes and every write lands', () => {
    const r = result('zero-window');
    const s = r.summary;
    expect(s.tcp.zeroWindowEvents).toBeGreaterThan(0);
    expect(s.host.zeroWindowStalls).toBeGreaterThan(0);
    expect(s.nvmf.completed).toBe(r.world.scenario.workload.writes);
    expect(s.integrity.ok).toBe(true);
  });

  it('buffer-pool-exhausted: requests wait in NEED_BUFFER, then all complete', () => {
    const r = result('buffer-pool-exhausted');
    expect(r.summary.nvmf.needBufferWaits).toBeGreaterThan(0);
    expect(r.summary.nvmf.completed).toBe(r.world.scenario.workload.writes);
  });

  it('data-digest-error: that write fails with 0x22, the connection stays, later writes complete', () => {
    const r = result('data-digest-error');
    const s = r.summary;
    expect(s.nvmf.failed).toHaveLength(1);
    expect(s.nvmf.failed[0]!.status).toBe(0x22);
    expect(s.nvmf.termReqs).toEqual([]);
    expect(s.nvmf.completed).toBe(r.world.scenario.workload.writes - 1);
    expect(r.world.nvmf.recv.state).not.toBe(RS_ERROR);
    expect(s.host.writesFailed).toEqual(s.nvmf.failed);
    // The bad digest is found, and a write completes successfully after it.
    let badAt = -1;
    let okAfter = 0;
    for (const row of traceRows(r.trace)) {
      if (row.code === C_DDGST_BAD) badAt = row.step;
      else if (row.code === C_REQ_COMPLETE && row.b === 0 && badAt >= 0) okAfter++;
    }
    expect(badAt).toBeGreaterThanOrEqual(0);
    expect(okAfter).toBeGreaterThan(0);
  });

  /**
   * SCENARIOS.md says "QUIESCING, ERROR"; the preset now says what v24.09 does: the header digest
   * error is found in AWAIT_PDU_PSH, and nvmf_tcp_qpair_set_recv_state hands pdu_in_progress back
   * only when QUIESCING is entered from AWAIT_PDU_CH, so the PDU stays in use and the QUIESCING
   * case of nvmf_tcp_sock_process never moves on to ERROR (the 30 s exit timer is not modelled).
   */
  it('header-digest-error: C2HTermReq FES 3, the receive machine enters QUIESCING and stays there', () => {
    const r = result('header-digest-error');
    expect(r.summary.nvmf.termReqs.map((t) => t.fes)).toEqual([3]);
    expect(r.summary.host.termReqs.map((t) => t.fes)).toEqual([3]);
    expect(r.summary.host.ended).toBe(true);
    expect(r.summary.nvmf.completed).toBe(0);
    expect(r.world.nvmf.recv.state).toBe(RS_QUIESCING);
    expect(r.world.nvmf.pduWorkingCount).toBe(1);
    const path = recvPath(r);
    expect(path.at(-1)).toBe(RS_QUIESCING);
    expect(path).not.toContain(RS_ERROR);
  });

  it('bad-h2c-ttag: an H2CData with a ttag no request owns ends the connection (PDU sequence error)', () => {
    const r = result('bad-h2c-ttag');
    // v24.09 nvmf_tcp_h2c_data_hdr_handle: ttag > resource_count -> FES 0x02.
    expect(r.summary.nvmf.termReqs.map((t) => t.fes)).toEqual([2]);
    expect(r.summary.host.termReqs.map((t) => t.fes)).toEqual([2]);
    expect(r.summary.nvmf.completed).toBe(0);
    expect(recvPath(r)).toContain(RS_QUIESCING);
  });

  it(`${TEN_G} (shortened): a busy 10 GbE link, integrity of every completed write`, () => {
    const r = result(TEN_G);
    const s = r.summary;
    expect(s.nvmf.completed).toBe(r.world.scenario.workload.writes);
    expect(s.integrity.errors).toBe(0);
    expect(s.throughput.payloadGbps).toBeGreaterThan(0);
    expect(s.throughput.payloadGbps).toBeLessThan(10);
    expect(s.copies.cpuBytesPerPayloadByte).toBeGreaterThanOrEqual(1);
    expect(s.copies.cpuBytesPerPayloadByte).toBeLessThan(2);
  });
});
