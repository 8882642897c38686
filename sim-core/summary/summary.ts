/**
 * The run's summary: the contract of `npm run sim -- ... --json` (ARCHITECTURE.md,
 * "Contracts"), computed from the final world and the trace hash. Pure.
 */
import type { World } from '../engine/world';
import { cpuCopiesPerPayloadByte } from '../ledger/ledger';
import { nvmfSummary } from '../spdk/nvmf/summary';
import { hostSummary } from '../host/summary';
import { presetFigure, type Figure } from './figures';

export interface Summary {
  scenario: string;
  title: string;
  seed: number;
  stopReason: string | null;
  events: number;
  simTimeNs: number;
  traceHash: string;
  integrity: {
    ok: boolean;
    /** Payload bytes checked against the pattern in completed writes. */
    payloadBytes: number;
    /** Writes whose data did not match. */
    errors: number;
    /** Writes the host issued that neither completed nor failed with a counted error. */
    unaccounted: number;
  };
  host: ReturnType<typeof hostSummary>;
  nic: { overrunDrops: number; multiDescFrames: number; interrupts: number; rxPackets: number };
  softirq: { timeSqueeze: number; ksoftirqdWakeups: number };
  gro: { merged: number; skbs: number };
  tcp: {
    backlogSegments: number;
    ofoSegments: number;
    zeroWindowEvents: number;
    backlogDrops: number;
    rcvQDrops: number;
  };
  spdk: { pipeBytes: number; directBytes: number; readvTwoIov: number; pipeCopyBytes: number };
  nvmf: {
    pdus: Record<string, number>;
    termReqs: { fes: number; fei: number }[];
    completed: number;
    failed: { cid: number; status: number }[];
    needBufferWaits: number;
    chSplitPdus: number;
    maxDataIovs: number;
  };
  copies: {
    cpuBytesPerPayloadByte: number;
    dmaBytes: number;
    kernelCopyBytes: number;
    pipeCopyBytes: number;
  };
  cpu: { core: number; hardirqNs: number; softirqNs: number; ksoftirqdNs: number; reactorNs: number }[];
  /** Payload of completed writes over the time from the first write issued to the last one answered. */
  throughput: { payloadGbps: number; windowNs: number };
  counters: Record<string, number>;
  figure: Figure | null;
}

export function summarize(w: World, traceHash: string): Summary {
  const c = (k: string) => w.ledger.c[k] ?? 0;
  const n = nvmfSummary(w);
  const h = hostSummary(w);
  const l = w.ledger;
  const accounted = n.completed + n.failed.length;
  const connectionEnded = n.termReqs.length > 0 || h.termReqs.length > 0;
  const unaccounted = connectionEnded ? 0 : Math.max(0, h.writesIssued - accounted);
  const s: Summary = {
    scenario: w.scenario.id,
    title: w.scenario.title,
    seed: w.scenario.seed,
    stopReason: w.stopReason,
    events: w.step,
    simTimeNs: w.now,
    traceHash,
    integrity: {
      ok: n.integrity.errors === 0 && unaccounted === 0 && w.stopReason === 'idle',
      payloadBytes: n.integrity.payloadBytes,
      errors: n.integrity.errors,
      unaccounted,
    },
    host: h,
    nic: {
      overrunDrops: c('nic.rx_missed_errors'),
      multiDescFrames: c('nic.multi_desc_frames'),
      interrupts: c('nic.interrupts'),
      rxPackets: c('nic.rx_packets'),
    },
    softirq: { timeSqueeze: c('softirq.time_squeeze'), ksoftirqdWakeups: c('softirq.ksoftirqd_wakeups') },
    gro: { merged: c('gro.merged'), skbs: c('gro.skbs') },
    tcp: {
      backlogSegments: c('tcp.backlog_segments'),
      ofoSegments: c('tcp.ofo_segments'),
      zeroWindowEvents: c('tcp.zero_window_events'),
      backlogDrops: c('tcp.TCPBacklogDrop'),
      rcvQDrops: c('tcp.TCPRcvQDrop'),
    },
    spdk: {
      pipeBytes: l.pipeBytes,
      directBytes: l.directBytes,
      readvTwoIov: l.readvTwoIov,
      pipeCopyBytes: l.pipeCopyBytes,
    },
    nvmf: {
      pdus: n.pdus,
      termReqs: n.termReqs,
      completed: n.completed,
      failed: n.failed,
      needBufferWaits: n.needBufferWaits,
      chSplitPdus: c('nvmf.ch_split_pdus'),
      maxDataIovs: c('nvmf.max_data_iovs'),
    },
    copies: {
      cpuBytesPerPayloadByte: Math.round(cpuCopiesPerPayloadByte(l) * 1000) / 1000,
      dmaBytes: l.dmaBytes,
      kernelCopyBytes: l.kernelCopyBytes,
      pipeCopyBytes: l.pipeCopyBytes,
    },
    cpu: w.cpu.cores.map((k) => ({
      core: k.id,
      hardirqNs: k.busyNs.hardirq,
      softirqNs: k.busyNs.softirq,
      ksoftirqdNs: k.busyNs.ksoftirqd,
      reactorNs: k.busyNs.reactor,
    })),
    throughput: throughput(n.integrity.payloadBytes, h.firstIssueNs, h.lastAnswerNs),
    counters: Object.fromEntries(Object.entries(w.ledger.c).sort(([a], [b]) => (a < b ? -1 : 1))),
    figure: null,
  };
  s.figure = presetFigure(w.scenario.id, s);
  return s;
}

function throughput(payloadBytes: number, first: number, last: number): Summary['throughput'] {
  const windowNs = first >= 0 && last > first ? last - first : 0;
  return { payloadGbps: windowNs > 0 ? (payloadBytes * 8) / windowNs : 0, windowNs };
}
