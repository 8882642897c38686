/**
 * Words for what the kernel band draws, for screen readers (the SVG itself is not read) and
 * for the accessible names of its focusable parts.
 */
import { formatBytes, formatCount } from '../../../format';
import type { ViewState } from '../../../sim-types';
import { budgetUsed } from './cpu-model';

export const QUEUES = [
  { key: 'backlog', name: 'backlog', upstream: 'sk_backlog' },
  { key: 'receive', name: 'sk_receive_queue', upstream: 'sk_receive_queue' },
  { key: 'ofo', name: 'out_of_order_queue', upstream: 'out_of_order_queue' },
] as const;

export type QueueKey = (typeof QUEUES)[number]['key'];

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "sk_receive_queue: 3 skbs, 4,344 bytes" */
export function queueLabel(view: ViewState, i: number): string {
  const q = QUEUES[i];
  if (q === undefined) return '';
  const t = view.tcp.totals[q.key];
  const first = q.key === 'ofo' ? view.tcp.ofo[0] : undefined;
  const hole = first === undefined ? 0 : (first.seq - view.tcp.rcvNxt) | 0;
  return `${q.name}: ${plural(t.skbs, 'skb')}, ${plural(t.bytes, 'byte')}${hole > 0 ? `, after a hole of ${plural(hole, 'byte')}` : ''}`;
}

export function dropsOf(view: ViewState, prefix: string): [string, number][] {
  return Object.entries(view.ledger.drops).filter(([k, v]) => k.startsWith(prefix) && v > 0);
}

/** Short name of a ledger counter: 'nic.rx_missed_errors' → 'rx_missed_errors'. */
export function counterName(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(dot + 1);
}

export function kernelSummary(view: ViewState): string {
  const r = view.ring;
  const parts: string[] = [];
  parts.push(
    `igb RX ring of ${formatCount(r.count)} descriptors: next_to_clean ${r.ntc}, next_to_use ${r.ntu}, NIC head ${r.head}; ` +
      `${formatCount(r.armed)} armed, ${formatCount(r.done)} written back, igb_desc_unused ${formatCount(r.unused)}.`,
  );
  const flags = [
    r.irqMasked ? 'interrupt masked' : 'interrupt enabled',
    r.napiScheduled ? 'NAPI scheduled' : 'NAPI idle',
  ];
  parts.push(`${flags.join(', ')}.`);
  for (const [k, v] of dropsOf(view, 'nic.')) parts.push(`${counterName(k)} ${formatCount(v)}.`);
  const c = view.cpu;
  const running = c.cores.map((k) => `CPU ${k.id} ${k.running}`).join(', ');
  const { used } = budgetUsed(c);
  parts.push(
    `${running}; netdev_budget ${used} of ${c.budget} used, ${c.restarts} softirq restarts${c.ksoftirqdAwake ? ', ksoftirqd awake' : ''}.`,
  );
  const g = view.gro;
  parts.push(
    g.enabled
      ? `GRO holds ${plural(g.held.length, 'skb')}; rx_list ${g.rxListCount} of gro_normal_batch ${g.batch}.`
      : 'GRO off.',
  );
  const t = view.tcp;
  if (!t.established) parts.push('No TCP connection yet.');
  else {
    parts.push(`${QUEUES.map((_, i) => queueLabel(view, i)).join('; ')}.`);
    parts.push(
      `rmem_alloc ${formatBytes(t.rmemAlloc)} of sk_rcvbuf ${formatBytes(t.rcvbuf)}; receive window ${formatBytes(t.window)}` +
        `${t.ownedByUser ? '; socket owned by user, so new segments wait in the backlog' : ''}.`,
    );
  }
  return parts.join(' ');
}
