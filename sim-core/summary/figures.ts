/**
 * The figure each preset exists to show (SCENARIOS.md, last column), read off a summary.
 * `shown` says whether the run actually showed it; tests require it for every preset.
 */
import type { Summary } from './summary';

export interface Figure {
  label: string;
  value: number | string | boolean;
  shown: boolean;
}

type FigureFn = (s: Summary) => Figure;

const FIGURES: Record<string, FigureFn> = {
  'write-4k-incapsule': (s) => ({
    label: 'nvmf.completed >= 1 and integrity.ok',
    value: s.nvmf.completed,
    shown: s.nvmf.completed >= 1 && s.integrity.ok,
  }),
  'write-128k-r2t': (s) => ({
    label: 'nvmf.pdus.H2CData >= 1 and spdk.directBytes > 0',
    value: `${s.nvmf.pdus.H2CData ?? 0} H2CData, ${s.spdk.directBytes} direct bytes`,
    shown: (s.nvmf.pdus.H2CData ?? 0) >= 1 && s.spdk.directBytes > 0,
  }),
  'multi-iov-request': (s) => ({
    label: 'a request with >= 2 data iovecs',
    value: s.nvmf.maxDataIovs,
    shown: s.nvmf.maxDataIovs >= 2,
  }),
  'pipe-wrap': (s) => ({
    label: 'spdk.readvTwoIov > 0',
    value: s.spdk.readvTwoIov,
    shown: s.spdk.readvTwoIov > 0,
  }),
  'header-split': (s) => ({
    label: 'PDUs whose common header arrived in two reads (AWAIT_PDU_CH entered twice)',
    value: s.nvmf.chSplitPdus,
    shown: s.nvmf.chSplitPdus > 0,
  }),
  'ring-overrun': (s) => ({
    label: 'nic.overrunDrops > 0 and integrity.ok',
    value: s.nic.overrunDrops,
    shown: s.nic.overrunDrops > 0 && s.integrity.ok,
  }),
  'gro-on': (s) => ({ label: 'gro.merged > 0', value: s.gro.merged, shown: s.gro.merged > 0 }),
  'gro-off': (s) => ({
    label: 'gro.merged == 0',
    value: s.gro.merged,
    shown: s.gro.merged === 0 && s.nvmf.completed > 0,
  }),
  backlog: (s) => ({
    label: 'tcp.backlogSegments > 0',
    value: s.tcp.backlogSegments,
    shown: s.tcp.backlogSegments > 0,
  }),
  'out-of-order': (s) => ({
    label: 'tcp.ofoSegments > 0 and integrity.ok',
    value: s.tcp.ofoSegments,
    shown: s.tcp.ofoSegments > 0 && s.integrity.ok,
  }),
  'budget-squeeze': (s) => ({
    label: 'softirq.timeSqueeze > 0',
    value: s.softirq.timeSqueeze,
    shown: s.softirq.timeSqueeze > 0,
  }),
  'jumbo-multi-desc': (s) => ({
    label: 'nic.multiDescFrames > 0',
    value: s.nic.multiDescFrames,
    shown: s.nic.multiDescFrames > 0,
  }),
  'zero-window': (s) => ({
    label: 'tcp.zeroWindowEvents > 0',
    value: s.tcp.zeroWindowEvents,
    shown: s.tcp.zeroWindowEvents > 0 && s.integrity.ok,
  }),
  'buffer-pool-exhausted': (s) => ({
    label: 'nvmf.needBufferWaits > 0',
    value: s.nvmf.needBufferWaits,
    shown: s.nvmf.needBufferWaits > 0,
  }),
  'data-digest-error': (s) => ({
    label: 'nvmf.failed has status 0x22 and later writes complete',
    value: s.nvmf.failed.map((f) => `cid ${f.cid}: 0x${f.status.toString(16)}`).join(', '),
    shown: s.nvmf.failed.some((f) => f.status === 0x22) && s.nvmf.completed > 1,
  }),
  'header-digest-error': (s) => ({
    label: 'nvmf.termReqs has fes 3',
    value: s.nvmf.termReqs.map((t) => `fes ${t.fes} fei ${t.fei}`).join(', '),
    shown: s.nvmf.termReqs.some((t) => t.fes === 3),
  }),
  'bad-h2c-ttag': (s) => ({
    label: 'nvmf.termReqs not empty',
    value: s.nvmf.termReqs.map((t) => `fes ${t.fes} fei ${t.fei}`).join(', '),
    shown: s.nvmf.termReqs.length > 0,
  }),
  '10g-sustained': (s) => ({
    label: 'payload throughput (Gb/s), copies per byte, integrity.ok',
    value: `${s.throughput.payloadGbps.toFixed(2)} Gb/s, ${s.copies.cpuBytesPerPayloadByte.toFixed(2)} copies/byte`,
    shown: s.integrity.ok && s.nvmf.completed > 0,
  }),
};

export function presetFigure(presetId: string, s: Summary): Figure | null {
  const f = FIGURES[presetId];
  return f ? f(s) : null;
}

export function figurePresetIds(): string[] {
  return Object.keys(FIGURES);
}
