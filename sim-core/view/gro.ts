/**
 * GRO as drawn: the skbs held in the NAPI's gro_hash buckets (oldest bucket order, newest first
 * within a bucket, as the kernel lists them) and the rx_list batch of gro_normal_one
 * (softirq/state.ts).
 */
import type { World } from '../engine/world';
import { skbView } from './skb';
import type { GroView } from './types';

export function groView(w: World): GroView {
  const napi = w.softirq.napi;
  const held = [];
  for (const bucket of napi.groHash) for (const rs of bucket) held.push(skbView(w, rs.skb));
  return {
    enabled: w.scenario.softirq.gro,
    held,
    rxListCount: napi.rxCount,
    batch: w.scenario.softirq.groNormalBatch,
  };
}
