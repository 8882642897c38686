/**
 * The whole simulated state: plain data only (no classes with methods, no closures), so
 * `structuredClone` makes a keyframe and replay from it is exact, in Node and in a worker.
 */
import type { Scenario } from '../scenario/types';
import { initCpu } from './cpu';
import { rngFromSeed } from './rng';
import { initLedger } from '../ledger/ledger';
import type { EventHeap } from './heap';
import type { RngState } from './rng';
import type { CpuState } from './cpu';
import type { HostState } from '../host/state';
import type { NicState } from '../nic/state';
import type { SoftirqState } from '../softirq/state';
import type { TcpState } from '../tcp/state';
import type { SockState } from '../spdk/sock/state';
import type { NvmfState } from '../spdk/nvmf/state';
import type { Ledger } from '../ledger/ledger';
import type { ReactorState } from '../spdk/reactor';

export interface World {
  /** Current simulated time, integer nanoseconds. */
  now: number;
  /** Insertion counter of the event queue (same-time tie-break). */
  seq: number;
  /** Trace rows written so far; row i is "step i". */
  step: number;
  /** Object id allocator (frames, skbs, PDUs ...). */
  nextId: number;
  events: EventHeap;
  rng: RngState;
  scenario: Scenario;
  /** Set when the run ends: 'idle' (nothing left to do), 'maxSimTime', 'maxEvents', 'error'. */
  stopReason: string | null;

  cpu: CpuState;
  host: HostState;
  nic: NicState;
  softirq: SoftirqState;
  tcp: TcpState;
  sock: SockState;
  nvmf: NvmfState;
  reactor: ReactorState;
  ledger: Ledger;
}

/** The engine's part of a fresh world (clock, queue, rng, CPU, ledger); stages add their own. */
export function engineFields(scenario: Scenario) {
  return {
    now: 0,
    seq: 0,
    step: 0,
    nextId: 1,
    events: [],
    rng: rngFromSeed(scenario.seed),
    scenario,
    stopReason: null,
    cpu: initCpu(scenario.cpu.reactorCore),
    ledger: initLedger(),
  } satisfies Partial<World>;
}
