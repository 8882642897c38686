/** The PDU being received: receive state, header and payload progress, digests. */
import { formatCount } from '../../format';
import type { PduView } from '../../sim-types';
import { BreakableName, Facts, Stage, yesNo } from './facts';

export function PduSummary({ pdu }: { pdu: PduView }) {
  return (
    <Stage title="PDU in progress" upstream="nvme_tcp_pdu">
      <Facts
        items={[
          ['Receive state', <BreakableName key="s" name={pdu.recvState} />],
          ['Type', pdu.type === '' ? '(header not in yet)' : pdu.type],
          ['Common header', `${pdu.chValid} / 8 B`],
          ['PDU-specific header', `${pdu.pshValid} / ${pdu.pshLen} B`],
          ['hlen / pdo / plen', `${pdu.hlen} / ${pdu.pdo} / ${formatCount(pdu.plen)}`],
          ['Padding', `${pdu.padding} B`],
          ['Payload', `${formatCount(pdu.rwOffset)} / ${formatCount(pdu.dataLen)} B`],
          ['Header / data digest', `${yesNo(pdu.hasHdgst)} / ${yesNo(pdu.hasDdgst)}`],
          ['cid / tcp_req', `${pdu.cid} / ${pdu.reqIdx < 0 ? 'none' : pdu.reqIdx}`],
        ]}
      />
    </Stage>
  );
}
