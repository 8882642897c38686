/** The copy ledger: where payload bytes were moved, by whom, and CPU copies per payload byte. */
import { formatBytes } from '../../format';
import type { LedgerView } from '../../sim-types';
import { Facts, Stage } from './facts';

export function LedgerSummary({ ledger }: { ledger: LedgerView }) {
  const drops = Object.entries(ledger.drops).filter(([, n]) => n > 0);
  return (
    <Stage title="Copies" upstream="ledger">
      <Facts
        items={[
          ['DMA into ring buffers (no CPU)', formatBytes(ledger.dmaBytes)],
          ['Kernel copy to user space', formatBytes(ledger.kernelCopyBytes)],
          [
            'Into the recv pipe / out of it',
            `${formatBytes(ledger.pipeBytes)} / ${formatBytes(ledger.pipeCopyBytes)}`,
          ],
          ['Read straight into the PDU', formatBytes(ledger.directBytes)],
          [
            'CPU copies per payload byte',
            <strong key="c">{ledger.cpuCopiesPerPayloadByte.toFixed(2)}</strong>,
          ],
          ['Drops', drops.length === 0 ? 'none' : drops.map(([k, n]) => `${k} ${n}`).join(', ')],
        ]}
      />
    </Stage>
  );
}
