/**
 * napi_schedule (net/core/dev.c): the hook igb's hard IRQ calls (hooks.napiSchedule).
 */
import { raiseNetRx } from '../engine/cpu';
import { record, setState, type Sim } from '../engine/sim';
import { C_NAPI_SCHEDULE, NAPI_MACHINE, NAPI_SCHED } from './codes';

/** Core 0 takes the igb IRQ and runs its NAPI. */
export const NAPI_CORE = 0;

/**
 * napi_schedule: napi_schedule_prep sets NAPI_STATE_SCHED (or only MISSED when it was already
 * set), then ____napi_schedule puts the instance on the poll list and raises NET_RX_SOFTIRQ,
 * except when net_rx_action is running on this core: it will find the list refilled (Linux 6.5).
 */
export function napiSchedule(sim: Sim): void {
  const s = sim.w.softirq;
  const napi = s.napi;
  if (napi.state === NAPI_SCHED) {
    napi.missed = true;
    record(sim, C_NAPI_SCHEDULE, napi.id, 0, 0);
    return;
  }
  setState(sim, NAPI_MACHINE.id, napi.id, napi, NAPI_SCHED);
  s.pollList.push(napi.id);
  const raise = !s.inNetRxAction;
  if (raise) raiseNetRx(sim, NAPI_CORE);
  record(sim, C_NAPI_SCHEDULE, napi.id, 1, raise ? 1 : 0);
}
