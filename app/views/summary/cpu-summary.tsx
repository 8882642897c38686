/** CPUs: what each runs, time spent per context, and the NET_RX softirq budget. */
import { formatMicros } from '../../format';
import type { CpuView, GroView } from '../../sim-types';
import { Facts, SkbList, Stage, yesNo } from './facts';

export function CpuSummary({ cpu }: { cpu: CpuView }) {
  return (
    <Stage title="CPU" upstream="net_rx_action / ksoftirqd / reactor">
      <table className="cpus">
        <caption className="sr-only">Time each CPU spent per context, in microseconds</caption>
        <thead>
          <tr>
            <th scope="col">CPU</th>
            <th scope="col">Now</th>
            <th scope="col">hardirq µs</th>
            <th scope="col">softirq µs</th>
            <th scope="col">ksoftirqd µs</th>
            <th scope="col">reactor µs</th>
          </tr>
        </thead>
        <tbody>
          {cpu.cores.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.id}</th>
              <td className={c.running === 'idle' ? 'idle' : 'busy'}>
                {c.running}
                {c.softirqPending ? ' +pending' : ''}
              </td>
              <td>{formatMicros(c.busyNs.hardirq)}</td>
              <td>{formatMicros(c.busyNs.softirq)}</td>
              <td>{formatMicros(c.busyNs.ksoftirqd)}</td>
              <td>{formatMicros(c.busyNs.reactor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Facts
        items={[
          ['netdev_budget left', `${cpu.budgetLeft} / ${cpu.budget}`],
          ['__do_softirq restarts', cpu.restarts],
          ['ksoftirqd awake', yesNo(cpu.ksoftirqdAwake)],
        ]}
      />
    </Stage>
  );
}

export function GroSummary({ gro }: { gro: GroView }) {
  return (
    <Stage title="GRO" upstream="napi_gro_receive">
      <Facts
        items={[
          ['Enabled', yesNo(gro.enabled)],
          ['Held skbs', <SkbList key="held" skbs={gro.held} />],
          ['rx_list / gro_normal_batch', `${gro.rxListCount} / ${gro.batch}`],
        ]}
      />
    </Stage>
  );
}
