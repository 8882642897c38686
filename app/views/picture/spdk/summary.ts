/**
 * The SPDK band in words, for screen readers (the drawing's text alternative): the copy this
 * step makes, the recv pipe, the PDU in progress, the tcp_reqs in use and the copy ledger.
 */
import type { ViewState } from '../../../sim-types';
import { copyActivity } from './copy-model';
import { n } from './ctx';
import { dropList } from './ledger';
import { pduParts, recvStateShort } from './pdu-geometry';
import { reqStateGroup, reqStateShort } from './reqs-geometry';

/** Requests named one by one before the rest are only counted. */
const NAMED_REQS = 6;

export function spdkSummary(v: ViewState): string {
  const out: string[] = [];
  const act = copyActivity(v.row);
  if (act !== null) out.push(`Now: ${act.text}.`);
  const p = v.pipe;
  if (p === null) out.push('No recv pipe yet: reads go straight into the PDU.');
  else {
    const iovs = p.lastWriteIovs;
    out.push(
      `Recv pipe: ${n(p.bytes)} of ${n(p.sz)} bytes held${p.full ? ' (full)' : ''}, read head ${n(p.read)}, write head ${n(p.write)}` +
        (iovs.length > 0 ? `; last readv filled ${iovs.length} iovec${iovs.length === 1 ? '' : 's'}.` : '.'),
    );
  }
  const d = v.pdu;
  const parts = pduParts(d)
    .filter((x) => x.name !== 'REST')
    .map((x) => `${x.name} ${n(x.filled)} of ${n(x.len)}`)
    .join(', ');
  out.push(
    `PDU in progress: ${d.type === '' ? 'common header not in yet' : d.type}${d.cid >= 0 ? ` cid ${d.cid}` : ''}, ` +
      `receive state ${recvStateShort(d.recvState)}${parts === '' ? '' : `; ${parts} bytes`}` +
      `${d.reqIdx >= 0 ? `; bound to tcp_req ${d.reqIdx}` : ''}.`,
  );
  const used = v.reqs.filter((r) => reqStateGroup(r.state) !== 'free');
  const named = used
    .slice(0, NAMED_REQS)
    .map((r) => {
      const filled = r.iovs.reduce((s, x) => s + x.filled, 0);
      return `tcp_req ${r.idx} ${reqStateShort(r.state)} cid ${r.cid}, ${n(filled)} of ${n(r.length)} bytes`;
    })
    .join('; ');
  out.push(
    `${n(used.length)} of ${n(v.reqs.length)} tcp_reqs in use${named === '' ? '' : `: ${named}`}` +
      `${used.length > NAMED_REQS ? `; and ${n(used.length - NAMED_REQS)} more` : ''}.`,
  );
  const l = v.ledger;
  const drops = dropList(l.drops);
  out.push(
    `Copies so far: ${n(l.dmaBytes)} bytes by DMA, ${n(l.kernelCopyBytes)} copied by tcp_recvmsg ` +
      `(${n(l.pipeBytes)} into the pipe, ${n(l.directBytes)} direct), ${n(l.pipeCopyBytes)} copied out of the pipe; ` +
      `${l.cpuCopiesPerPayloadByte === 0 ? 'no payload delivered yet' : `${l.cpuCopiesPerPayloadByte.toFixed(2)} CPU copies per payload byte`}; ` +
      `${drops.length === 0 ? 'no drops' : `drops: ${drops.join(', ')}`}.`,
  );
  return out.join(' ');
}
