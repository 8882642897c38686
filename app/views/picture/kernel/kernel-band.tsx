/** The kernel band of the picture: wire → igb RX ring → CPU → GRO → TCP queues. (Being built.) */
import type { ViewState } from '../../../sim-types';

export function KernelBand({ view }: { view: ViewState }) {
  return (
    <figure className="band band-kernel" aria-label="Linux receive path">
      <figcaption>
        Linux 6.5: ring {view.ring.ntc}/{view.ring.ntu}
      </figcaption>
    </figure>
  );
}
