/**
 * The pipeline: the place of the picture (wire → ring → CPU → GRO → TCP → pipe → PDU →
 * tcp_req, drawn with d3 in the next slice, with the statecharts and the inspector beside it).
 * For now it shows the same step as numbers, stage by stage.
 */
import { SummaryPanel } from '../summary/summary-panel';

export function Pipeline() {
  return (
    <section className="pipeline" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Receive path at this step</h2>
      <SummaryPanel />
    </section>
  );
}
