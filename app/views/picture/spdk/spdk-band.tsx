/** The SPDK band of the picture: recvmsg copy → recv pipe → PDU → tcp_req slots, copy ledger. (Being built.) */
import type { ViewState } from '../../../sim-types';

export function SpdkBand({ view }: { view: ViewState }) {
  return (
    <figure className="band band-spdk" aria-label="SPDK receive path">
      <figcaption>SPDK v24.09: {view.pdu.recvState}</figcaption>
    </figure>
  );
}
