/**
 * The inspector for one core (engine/cpu.ts): what runs on it, what wants it, the time spent by
 * context; on core 0 also the NET_RX softirq's position (softirq/state.ts) and NAPI; on the
 * reactor's core the SPDK reactor's state.
 */
import { PROC_NAMES } from '../engine/cpu';
import type { World } from '../engine/world';
import { NAPI_SCHED } from '../softirq/codes';
import { CTX_INLINE, CTX_KSOFTIRQD } from '../softirq/state';
import { field, notPresent } from './inspect-format';
import type { InspectField, InspectSelection, InspectView } from './inspect-types';

/** Where the softirq op sequence stands (PH_* in softirq/state.ts, by value). */
const PHASES = [
  'not inside __do_softirq',
  'net_rx_action: next NAPI from poll_list',
  'igb_clean_rx_irq: cleaning descriptors',
  'igb_poll: igb_clean_rx_irq returned',
  '__napi_poll: the poll used its whole weight',
  'napi_complete_done: GRO flush',
  'napi_complete_done: state change, igb_ring_irq_enable',
  'napi_poll returned to net_rx_action: budget and time check',
  'net_rx_action: end (poll_list back, re-raise)',
  '__do_softirq: restart, hand to ksoftirqd, or return',
];

const IRQ_CORE = 0;

function us(ns: number): string {
  return `${(ns / 1000).toFixed(3)} µs`;
}

export function inspectCpu(w: World, sel: InspectSelection): InspectView {
  const k = w.cpu.cores.find((c) => c.id === sel.id);
  const title = `CPU ${sel.id}`;
  if (k === undefined)
    return notPresent(
      sel,
      'cpu',
      sel.id,
      title,
      `The model has ${w.cpu.cores.length} cores; there is no CPU ${sel.id}.`,
    );
  let running = 'idle';
  if (k.irqBusyUntil > w.now || k.softirqRunning) running = k.softirqRunning ? 'softirq' : 'hardirq';
  else if (k.procRunning >= 0) running = PROC_NAMES[k.procRunning] ?? 'idle';
  const wants = PROC_NAMES.filter((_, p) => k.runnable[p] === true);
  const fields: InspectField[] = [
    field(
      'running',
      running,
      'Simplification: read between ops (interrupt work whose time has not ended, a softirq run, or a process op)',
    ),
    field(
      'irq busy until',
      k.irqBusyUntil > w.now ? `${k.irqBusyUntil} ns` : 'no interrupt work',
      `now is ${w.now} ns`,
    ),
    field(
      'NET_RX_SOFTIRQ pending',
      k.softirqPending,
      'set when raised and not yet handled (local_softirq_pending)',
    ),
    field(
      'runnable',
      wants.length > 0 ? wants.join(', ') : 'nothing',
      'process contexts that want this core',
    ),
    field('busy: hardirq', us(k.busyNs.hardirq)),
    field('busy: softirq', us(k.busyNs.softirq)),
    field('busy: ksoftirqd', us(k.busyNs.ksoftirqd)),
    field('busy: reactor', us(k.busyNs.reactor)),
  ];
  const roles: string[] = [];
  if (k.id === IRQ_CORE) {
    roles.push('takes the igb interrupt, runs NET_RX softirq and ksoftirqd');
    const s = w.softirq;
    const sc = w.scenario.softirq;
    const inside =
      s.ctx === CTX_INLINE ? 'inline at irq_exit' : s.ctx === CTX_KSOFTIRQD ? 'in ksoftirqd' : 'no';
    fields.push(
      field('in __do_softirq', inside),
      field('softirq position', PHASES[s.phase] ?? `phase ${s.phase}`),
      field(
        'net_rx_action budget left',
        s.ctx !== 0 ? s.budget : sc.netdevBudget,
        `of netdev_budget ${sc.netdevBudget}`,
      ),
      field(
        'softnet_data.poll_list',
        s.pollList.length > 0 ? s.pollList.map((id) => `napi ${id}`).join(', ') : 'empty',
      ),
      field(
        'NAPI_STATE_SCHED',
        s.napi.state === NAPI_SCHED,
        'set while igb\u2019s NAPI is scheduled to poll',
      ),
      field('NAPI_STATE_MISSED', s.napi.missed, 'set when napi_schedule came while already scheduled'),
      field('napi->rx_count', s.napi.rxCount, `gro_normal_batch is ${sc.groNormalBatch}`),
      field(
        'ksoftirqd wanted',
        s.ksoftirqdWanted,
        'set once wakeup_softirqd was called, until ksoftirqd finds nothing to do',
      ),
    );
  }
  if (k.id === w.cpu.reactorCore) {
    roles.push('runs the SPDK reactor');
    const r = w.reactor;
    fields.push(
      field(
        'reactor phase',
        r.phase === 0 ? 'poll (spdk_sock_group_poll)' : 'socket callback (nvmf_tcp_sock_process)',
      ),
      field('reactor stalled', r.stalled, 'set when the last nvmf_tcp_sock_process pass made no progress'),
      field('reactor polls', r.polls),
      field('bdev completions waiting', r.completions.length),
    );
  }
  return {
    selection: sel,
    kind: 'cpu',
    id: k.id,
    present: true,
    title,
    summary: `CPU ${k.id} ${roles.join(' and ') || 'is a spare core'}; now: ${running}.`,
    fields,
    hex: null,
  };
}
