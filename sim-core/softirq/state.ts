/**
 * NET_RX softirq, NAPI and GRO state of core 0 (w.softirq), as plain data.
 *
 * The kernel runs __do_softirq -> net_rx_action -> napi_poll -> igb_poll as nested calls; the
 * model runs them as a sequence of ops (softirqStep), so the position inside that nest and the
 * locals of each function live here between ops: `phase`, the __do_softirq end jiffy and restart
 * count, net_rx_action's list, repoll list, budget and time limit, the current poll's work.
 */
import type { Scenario } from '../scenario/types';
import type { RxSkb } from '../nic/rx-skb';
import { NAPI_IDLE } from './codes';

/** GRO_HASH_BUCKETS (include/net/gro.h). */
export const GRO_HASH_BUCKETS = 8;
/** MAX_GRO_SKBS (net/core/gro.c): held skbs per bucket. */
export const MAX_GRO_SKBS = 8;
/** The one NAPI instance: igb's q_vector 0. */
export const IGB_NAPI_ID = 0;

/** Where the softirq op sequence stands (see step.ts). */
/** Not inside __do_softirq. */
export const PH_IDLE = 0;
/** net_rx_action's for(;;): take the next NAPI from its list, or leave. */
export const PH_LOOP = 1;
/** Inside igb_clean_rx_irq's loop. */
export const PH_CLEAN = 2;
/** igb_clean_rx_irq returns; igb_poll decides. */
export const PH_CLEAN_EXIT = 3;
/** __napi_poll after a poll that used its whole weight. */
export const PH_POLL_FULL = 4;
/** napi_complete_done: GRO flush, then the state change and igb_ring_irq_enable. */
export const PH_POLL_COMPLETE = 5;
export const PH_POLL_COMPLETE_STATE = 6;
/** napi_poll returns to net_rx_action: budget and time check. */
export const PH_POLL_END = 7;
/** net_rx_action's tail: poll_list back, re-raise. */
export const PH_NET_RX_END = 8;
/** __do_softirq: pending again? restart, hand over to ksoftirqd, or return. */
export const PH_RESTART_CHECK = 9;

/** Who is inside __do_softirq on core 0. */
export const CTX_NONE = 0;
export const CTX_INLINE = 1;
export const CTX_KSOFTIRQD = 2;

export interface NapiState {
  id: number;
  /** NAPI_MACHINE state (NAPI_STATE_SCHED). */
  state: number;
  /** NAPI_STATE_MISSED: napi_schedule came while already scheduled. */
  missed: boolean;
  weight: number;
  /** gro_hash[]: held skbs per bucket, newest first (list_add at the head). */
  groHash: RxSkb[][];
  /** rx_list / rx_count: skbs batched by gro_normal_one, counted in segments. */
  rxList: RxSkb[];
  rxCount: number;
}

export interface SoftirqTally {
  /** TCP payload bytes handed to tcp_v4_rcv, and skbs. */
  payloadToTcp: number;
  skbsToTcp: number;
  /** TCP payload bytes of skbs dropped between GRO and tcp_v4_rcv (all counted). */
  payloadDropped: number;
}

export interface SoftirqState {
  /** softnet_data.poll_list of core 0 (NAPI ids). */
  pollList: number[];
  /** softnet_data.in_net_rx_action. */
  inNetRxAction: boolean;
  napi: NapiState;
  ctx: number;
  phase: number;
  /** __do_softirq locals: the jiffy it must stop restarting at, and max_restart. */
  softirqEnd: number;
  maxRestart: number;
  /** net_rx_action locals. */
  list: number[];
  repoll: number[];
  budget: number;
  timeLimit: number;
  /** napi_poll locals: work returned by the poll; poll again? */
  pollWork: number;
  pollRepoll: boolean;
  /** A frame igb finished, waiting for napi_gro_receive (the next op). */
  pendingGro: RxSkb | null;
  /** Lists handed to netif_receive_skb_list_internal, not yet through ip_rcv (one op each). */
  listPending: RxSkb[][];
  /** Through ip_rcv, waiting for ip_local_deliver -> tcp_v4_rcv, one per op. */
  deliverQ: RxSkb[];
  /** wakeup_softirqd was called and ksoftirqd has not yet found nothing to do. */
  ksoftirqdWanted: boolean;
  tally: SoftirqTally;
}

export function initSoftirqState(s: Scenario): SoftirqState {
  const groHash: RxSkb[][] = [];
  for (let i = 0; i < GRO_HASH_BUCKETS; i++) groHash.push([]);
  return {
    pollList: [],
    inNetRxAction: false,
    napi: {
      id: IGB_NAPI_ID,
      state: NAPI_IDLE,
      missed: false,
      weight: s.softirq.napiWeight,
      groHash,
      rxList: [],
      rxCount: 0,
    },
    ctx: CTX_NONE,
    phase: PH_IDLE,
    softirqEnd: 0,
    maxRestart: 0,
    list: [],
    repoll: [],
    budget: 0,
    timeLimit: 0,
    pollWork: 0,
    pollRepoll: false,
    pendingGro: null,
    listPending: [],
    deliverQ: [],
    ksoftirqdWanted: false,
    tally: { payloadToTcp: 0, skbsToTcp: 0, payloadDropped: 0 },
  };
}
