/**
 * The picture (UX.md "The picture"): two bands that read as one path, the kernel's (wire →
 * igb RX ring → CPU contexts → GRO → TCP queues) and SPDK's (tcp_recvmsg copy → recv pipe →
 * PDU in progress → tcp_req slots, with the copy ledger). Each band is its own SVG drawn
 * with d3 from the ViewState of the step shown; movement between steps is interpolated on the
 * scheduler's one animation loop (shared/motion.ts). Clicking an object selects it for the
 * inspector (store.select).
 */
import { useApp } from '../../runtime-context';
import { PanelBoundary } from '../errors/panel-boundary';
import { KernelBand } from './kernel/kernel-band';
import { SpdkBand } from './spdk/spdk-band';

export function Picture() {
  const view = useApp((s) => s.view);
  const phase = useApp((s) => s.phase);
  return (
    <section className="picture" aria-labelledby="picture-title">
      <h2 id="picture-title" className="visually-hidden">
        The receive path at this step
      </h2>
      {view === null ? (
        <p className="picture-empty">
          {phase === 'loading' ? 'The scenario is being simulated…' : 'No step to show.'}
        </p>
      ) : (
        <>
          <PanelBoundary name="kernel picture">
            <KernelBand view={view} />
          </PanelBoundary>
          <PanelBoundary name="SPDK picture">
            <SpdkBand view={view} />
          </PanelBoundary>
        </>
      )}
    </section>
  );
}
