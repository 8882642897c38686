/**
 * What the nvmf stage did, for the run summary (summary/summary.ts) and tests: PDUs received by
 * type, C2HTermReqs sent, I/O commands completed or failed (Fabrics commands such as Connect
 * are counted apart), buffer waits and the integrity result.
 */
import type { World } from '../../engine/world';
import type { NvmfState } from './state';

export interface NvmfSummary {
  pdus: Record<string, number>;
  termReqs: { fes: number; fei: number }[];
  completed: number;
  writesCompleted: number;
  failed: { cid: number; status: number }[];
  fabricsCompleted: number;
  fabricsFailed: { cid: number; status: number }[];
  needBufferWaits: number;
  chSplitPdus: number;
  maxDataIovs: number;
  hdgstErrors: number;
  ddgstErrors: number;
  overrunBytes: number;
  integrity: { ok: boolean; payloadBytes: number; errors: number; badCids: number[] };
}

/** What the nvmf stage did, for reports and tests. */
export function nvmfSummary(w: { nvmf: NvmfState } | World): NvmfSummary {
  const s = w.nvmf.stats;
  return {
    pdus: { ...s.pdus },
    termReqs: s.termReqs.map((t) => ({ fes: t.fes, fei: t.fei })),
    completed: s.completed,
    writesCompleted: s.writesCompleted,
    failed: s.failed.map((f) => ({ ...f })),
    fabricsCompleted: s.fabricsCompleted,
    fabricsFailed: s.fabricsFailed.map((f) => ({ ...f })),
    needBufferWaits: s.needBufferWaits,
    chSplitPdus: s.chSplit,
    maxDataIovs: s.maxDataIovs,
    hdgstErrors: s.hdgstErrors,
    ddgstErrors: s.ddgstErrors,
    overrunBytes: s.overrunBytes,
    integrity: {
      ok: s.integrityErrors === 0,
      payloadBytes: s.integrityBytesOk,
      errors: s.integrityErrors,
      badCids: [...s.badCids],
    },
  };
}
