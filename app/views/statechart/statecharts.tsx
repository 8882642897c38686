/**
 * The PDU receive machine (enum nvme_tcp_pdu_recv_state) and the followed tcp_req's machine
 * (enum spdk_nvmf_tcp_req_state), drawn from the XState definitions sim-core runs, with the
 * active state lit and, on a state-change row, the transition taken.
 *
 * The tcp_req followed: the one chosen (store selection kind 'req'), else the one the PDU being
 * received is bound to, else the first in use (active.ts).
 */
import { type ChangeEvent, useMemo } from 'react';
import { recvMachine, reqMachine } from '../../../sim-core/page';
import { useApp, useCalm, useRuntime } from '../../runtime-context';
import { chooseReq, REASON_TEXT, reqLabel, takenBy } from './active';
import { type ChartGraph, chartGraph } from './chart-model';
import { type ChartLayout, layoutGraph } from './layout';
import { MachineChart } from './machine-chart';

interface Charts {
  recv: { graph: ChartGraph; layout: ChartLayout };
  req: { graph: ChartGraph; layout: ChartLayout };
}

let cached: Charts | null = null;
/** The layouts never change: computed on first use (inside render, so a failure stays in this panel). */
function charts(): Charts {
  if (cached === null) {
    const recvGraph = chartGraph(recvMachine);
    const reqGraph = chartGraph(reqMachine);
    const recv = { graph: recvGraph, layout: layoutGraph(recvGraph) };
    const req = { graph: reqGraph, layout: layoutGraph(reqGraph) };
    cached = { recv, req };
  }
  return cached;
}

export function Statecharts() {
  const { recv, req } = charts();
  const view = useCalm((s) => s.view);
  const selection = useApp((s) => s.selection);
  const { store } = useRuntime();
  const free = req.graph.initial;

  const row = view?.row ?? null;
  const recvActive = view?.pdu.recvState ?? null;
  const recvTaken = useMemo(() => takenBy(recv.graph, row), [recv.graph, row]);

  const reqs = view?.reqs ?? [];
  const choice = chooseReq(reqs, view?.pdu.reqIdx ?? -1, selection, free);
  const followed = reqs.find((r) => r.idx === choice?.idx);
  const reqActive = followed?.state ?? null;
  const reqTaken = useMemo(() => takenBy(req.graph, row, choice?.idx), [req.graph, row, choice?.idx]);

  // The options change only when a request is taken or freed: keyed by who is in use.
  const optionsKey = reqs.map((r) => (r.state === free ? '' : `${r.idx}:${r.cid}`)).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when optionsKey says the list changed
  const options = useMemo(() => {
    const busy = reqs.filter((r) => r.state !== free);
    const idle = reqs.filter((r) => r.state === free);
    return (
      <>
        <option value="auto">Automatic</option>
        {busy.length > 0 ? (
          <optgroup label="In use">
            {busy.map((r) => (
              <option key={r.idx} value={r.idx}>
                {reqLabel(r, free)}
              </option>
            ))}
          </optgroup>
        ) : null}
        {idle.length > 0 ? (
          <optgroup label="Free">
            {idle.map((r) => (
              <option key={r.idx} value={r.idx}>
                tcp_req {r.idx}
              </option>
            ))}
          </optgroup>
        ) : null}
      </>
    );
  }, [optionsKey, free]);

  const onPick = (e: ChangeEvent<HTMLSelectElement>) => {
    const v = e.target.value;
    const s = store.getState();
    if (v === 'auto') {
      if (s.selection?.kind === 'req') s.select(null);
    } else s.select({ kind: 'req', id: Number(v) });
  };

  return (
    <section className="statecharts" aria-label="State machines">
      <h2>State machines</h2>
      {view === null ? (
        <p className="chart-empty">No step to show.</p>
      ) : (
        <>
          <MachineChart
            layout={recv.layout}
            title="PDU receive"
            field="tqpair->recv_state"
            active={recvActive}
            taken={recvTaken}
          />
          <MachineChart
            layout={req.layout}
            title={followed === undefined ? 'tcp_req' : reqLabel(followed, free)}
            field="tcp_req->state"
            active={reqActive}
            taken={reqTaken}
          >
            <div className="req-pick">
              <label>
                <span>Follow</span>{' '}
                <select
                  aria-label="tcp_req to follow"
                  value={choice?.reason === 'selected' ? String(choice.idx) : 'auto'}
                  onChange={onPick}
                >
                  {options}
                </select>
              </label>
              {choice !== null && choice.reason !== 'selected' ? (
                <span className="req-why">
                  tcp_req {choice.idx}, {REASON_TEXT[choice.reason]}
                </span>
              ) : null}
            </div>
          </MachineChart>
        </>
      )}
    </section>
  );
}
