/**
 * The current step as readable numbers, stage by stage along the path: ring, CPU, GRO, TCP,
 * recv pipe, PDU, tcp_req slots, copies. Every number comes from the ViewState the worker
 * computed for this step; nothing is derived here beyond sums and differences.
 */
import { useApp, useCalm } from '../../runtime-context';
import { PanelBoundary } from '../errors/panel-boundary';
import { CpuSummary, GroSummary } from './cpu-summary';
import { LedgerSummary } from './ledger-summary';
import { PduSummary } from './pdu-summary';
import { PipeSummary } from './pipe-summary';
import { ReqsSummary } from './reqs-summary';
import { RingSummary } from './ring-summary';
import { TcpSummary } from './tcp-summary';

export function SummaryPanel() {
  const view = useCalm((s) => s.view);
  const phase = useApp((s) => s.phase);
  if (view === null) {
    return (
      <section className="summary empty" aria-label="Summary">
        <p>{phase === 'loading' ? 'The scenario is being simulated…' : 'No step to show.'}</p>
      </section>
    );
  }
  return (
    <section className="summary" aria-label="Summary">
      <PanelBoundary name="ring summary">
        <RingSummary ring={view.ring} />
      </PanelBoundary>
      <PanelBoundary name="CPU summary">
        <CpuSummary cpu={view.cpu} />
      </PanelBoundary>
      <PanelBoundary name="GRO summary">
        <GroSummary gro={view.gro} />
      </PanelBoundary>
      <PanelBoundary name="TCP summary">
        <TcpSummary tcp={view.tcp} />
      </PanelBoundary>
      <PanelBoundary name="pipe summary">
        <PipeSummary pipe={view.pipe} />
      </PanelBoundary>
      <PanelBoundary name="PDU summary">
        <PduSummary pdu={view.pdu} />
      </PanelBoundary>
      <PanelBoundary name="tcp_req summary">
        <ReqsSummary reqs={view.reqs} />
      </PanelBoundary>
      <PanelBoundary name="copies summary">
        <LedgerSummary ledger={view.ledger} />
      </PanelBoundary>
    </section>
  );
}
