/**
 * The copy ledger as drawn (ledger/ledger.ts): DMA (no CPU), the kernel's copy to user space,
 * the pipe's second copy, CPU copies per payload byte, and every drop counter.
 */
import type { World } from '../engine/world';
import { cpuCopiesPerPayloadByte } from '../ledger/ledger';
import type { LedgerView } from './types';

/** Counters that count something thrown away (upstream names: rx_missed_errors, TCPBacklogDrop ...). */
const DROP = /drop|missed|fifo_errors|length_errors|prune/i;

export function ledgerView(w: World): LedgerView {
  const l = w.ledger;
  const drops: Record<string, number> = {};
  for (const k of Object.keys(l.c).sort()) if (DROP.test(k)) drops[k] = l.c[k]!;
  return {
    dmaBytes: l.dmaBytes,
    kernelCopyBytes: l.kernelCopyBytes,
    pipeBytes: l.pipeBytes,
    directBytes: l.directBytes,
    pipeCopyBytes: l.pipeCopyBytes,
    cpuCopiesPerPayloadByte: cpuCopiesPerPayloadByte(l),
    drops,
  };
}
