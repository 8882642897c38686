/** tcp_req slots in use: state, command, data iovecs filling. */
import { formatCount } from '../../format';
import type { ReqView } from '../../sim-types';
import { shortState } from '../../store/breakpoints';
import { BreakableName, Stage } from './facts';

const SHOWN = 8;

function fill(r: ReqView): string {
  if (r.iovs.length === 0) return '–';
  const len = r.iovs.reduce((a, v) => a + v.len, 0);
  const filled = r.iovs.reduce((a, v) => a + v.filled, 0);
  return `${formatCount(filled)} / ${formatCount(len)} B in ${r.iovs.length} iov${r.iovs.length > 1 ? 's' : ''}`;
}

export function ReqsSummary({ reqs }: { reqs: ReqView[] }) {
  const busy = reqs.filter((r) => !r.state.endsWith('_FREE'));
  return (
    <Stage title="tcp_req slots" upstream="spdk_nvmf_tcp_req" wide>
      <p className="count">
        {busy.length} in use, {reqs.length - busy.length} free
      </p>
      {busy.length > 0 && (
        <table className="reqs">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">State</th>
              <th scope="col">cid</th>
              <th scope="col">Data</th>
              <th scope="col">Filled</th>
            </tr>
          </thead>
          <tbody>
            {busy.slice(0, SHOWN).map((r) => (
              <tr key={r.idx}>
                <td>{r.idx}</td>
                <td>
                  <span title={r.state}>
                    <BreakableName name={shortState(r.state)} />
                  </span>
                </td>
                <td>{r.cid}</td>
                <td>
                  {r.xfer} {formatCount(r.length)} B
                </td>
                <td>{fill(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {busy.length > SHOWN && <p className="more">… {busy.length - SHOWN} more in use</p>}
    </Stage>
  );
}
