/** The TCP socket: sequence pointers, window, memory against sk_rcvbuf, and its three queues. */
import { formatBytes, formatCount } from '../../format';
import type { TcpView } from '../../sim-types';
import { Facts, SkbList, Stage, seqDiff, yesNo } from './facts';

function queue(t: TcpView, k: 'backlog' | 'receive' | 'ofo') {
  const tot = t.totals[k];
  if (tot.skbs === 0) return <span className="none">empty</span>;
  return (
    <>
      <span className="count">
        {formatCount(tot.skbs)} skb{tot.skbs > 1 ? 's' : ''}, {formatBytes(tot.bytes)}
      </span>
      <SkbList skbs={t[k]} more={tot.cut} />
    </>
  );
}

export function TcpSummary({ tcp }: { tcp: TcpView }) {
  if (!tcp.established) {
    return (
      <Stage title="TCP socket" upstream="struct tcp_sock">
        <p className="none">No connection yet.</p>
      </Stage>
    );
  }
  const unread = seqDiff(tcp.copiedSeq, tcp.rcvNxt);
  return (
    <Stage title="TCP socket" upstream="struct tcp_sock">
      <Facts
        items={[
          ['rcv_nxt', tcp.rcvNxt],
          ['copied_seq', tcp.copiedSeq],
          ['Not yet read by the app', `${formatCount(unread)} B`],
          ['Window left / rcv_wnd', `${formatBytes(tcp.window)} / ${formatBytes(tcp.rcvWnd)}`],
          [
            'rmem_alloc / sk_rcvbuf',
            <span key="rmem">
              {formatBytes(tcp.rmemAlloc)} / {formatBytes(tcp.rcvbuf)}{' '}
              <meter min={0} max={tcp.rcvbuf} value={tcp.rmemAlloc} aria-label="Receive memory used" />
            </span>,
          ],
          ['Owned by user (lock held)', yesNo(tcp.ownedByUser)],
          [`Backlog (sk_backlog.len ${formatBytes(tcp.backlogLen)})`, queue(tcp, 'backlog')],
          ['sk_receive_queue', queue(tcp, 'receive')],
          ['Out-of-order queue', queue(tcp, 'ofo')],
        ]}
      />
    </Stage>
  );
}
