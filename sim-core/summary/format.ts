/** The human-readable summary printed by `npm start` / `npm run sim` without --json. */
import type { Summary } from './summary';

const num = (x: number) => x.toLocaleString('en-US');

export function formatSummary(s: Summary): string {
  const lines = [
    `rxpath: ${s.scenario} (${s.title}), seed ${s.seed}`,
    `  ${num(s.events)} trace events, ${(s.simTimeNs / 1e6).toFixed(3)} ms simulated, stopped: ${s.stopReason}, trace hash ${s.traceHash}`,
    `  integrity: ${s.integrity.ok ? 'OK' : 'NOT OK'} (${num(s.integrity.payloadBytes)} payload bytes checked, ${s.integrity.errors} bad writes, ${s.integrity.unaccounted} unaccounted)`,
    `  nvmf: ${s.nvmf.completed} writes completed, ${s.nvmf.failed.length} failed, PDUs ${Object.entries(
      s.nvmf.pdus,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}${s.nvmf.termReqs.length ? `, C2HTermReq ${s.nvmf.termReqs.map((t) => `FES ${t.fes} FEI ${t.fei}`).join('; ')}` : ''}`,
    `  nic: ${num(s.nic.rxPackets)} frames, ${s.nic.interrupts} interrupts, ${s.nic.overrunDrops} overrun drops; GRO merged ${s.gro.merged}; time_squeeze ${s.softirq.timeSqueeze}`,
    `  tcp: backlog ${s.tcp.backlogSegments} segs, out-of-order ${s.tcp.ofoSegments} segs, zero-window ${s.tcp.zeroWindowEvents}`,
    `  spdk: pipe ${num(s.spdk.pipeBytes)} B, direct ${num(s.spdk.directBytes)} B, two-iovec readv ${s.spdk.readvTwoIov}`,
    `  copies: ${s.copies.cpuBytesPerPayloadByte} CPU copies per payload byte (DMA ${num(s.copies.dmaBytes)} B, kernel copy ${num(s.copies.kernelCopyBytes)} B, pipe copy ${num(s.copies.pipeCopyBytes)} B)`,
  ];
  if (s.figure)
    lines.push(`  figure: ${s.figure.label}: ${s.figure.value} (${s.figure.shown ? 'shown' : 'NOT shown'})`);
  return `${lines.join('\n')}\n`;
}
