/**
 * Wiring: one place that builds a world for a scenario and binds every stage to its
 * neighbours (hooks) and to the CPU (bindCpu). Reading this file top to bottom is reading
 * the receive path: host -> nic -> softirq/GRO/IP -> tcp -> spdk sock -> nvmf -> backend.
 */
import type { Scenario } from './scenario/types';
import type { Hooks } from './engine/hooks';
import { type Sim, type Recorder, defineHandler, schedule } from './engine/sim';
import { type World, engineFields } from './engine/world';
import { bindCpu, Proc } from './engine/cpu';
import { initHostState, startHost, hostSendAck, hostTargetSend, connectionInfo } from './host';
import { initNicState, igbReceiveFrame } from './nic';
import { initSoftirqState, napiSchedule, softirqStep, ksoftirqdStep } from './softirq';
import { initTcpState, tcpV4Rcv, sockReadv, tcpReadable, releaseSockAtOpEnd, tcpTransmitData } from './tcp';
import { initSockState } from './spdk/sock/state';
import { initNvmfState } from './spdk/nvmf/state';
import { initReactorState, reactorStep, wakeReactor, backendSubmit } from './spdk/reactor';
import type { TcpState } from './tcp';

/**
 * The target sends a PDU: its TCP segments carry a freshly chosen ACK and window
 * (tcp_transmit_skb -> tcp_event_ack_sent cancels a pending delayed ACK), then the host side
 * cuts them into frames.
 */
function targetSend(sim: Sim, pdu: Uint8Array): void {
  const a = tcpTransmitData(sim);
  const g = sim.w.host.tgt;
  g.ack = a.ack >>> 0;
  g.wnd = a.window;
  g.sack = a.sack.map(([l, r]) => [l >>> 0, r >>> 0] as [number, number]);
  hostTargetSend(sim, pdu);
}

export const HOOKS: Hooks = {
  frameToTarget: igbReceiveFrame,
  napiSchedule,
  tcpV4Rcv,
  sendAck: hostSendAck,
  dataReady: wakeReactor,
  tcpReadable,
  sockReadv,
  targetSend,
  backendSubmit,
  wakeReactor,
};

/** The CPU bindings: softirq ops, the two process contexts, and what ends a reactor op. */
export function bindAll(): void {
  bindCpu({
    softirqStep,
    procStep: [reactorStep, ksoftirqdStep],
    opEnd: (sim, proc) => {
      // The reader's socket lock is held for its whole op (Simplification: from the op's start to
      // its end, rather than exactly the readv syscall): release_sock runs the backlog now.
      if (proc === Proc.Reactor) releaseSockAtOpEnd(sim);
    },
  });
}

const EV_START = 1;

/**
 * t = 0: the host draws its ISNs and starts; the target's TCP learns rcv_nxt from it
 * (Simplification: the handshake is not simulated; both sides start ESTABLISHED).
 */
defineHandler(EV_START, 'start', (sim) => {
  const w = sim.w;
  startHost(sim);
  w.tcp = initTcpState(w.scenario, (connectionInfo(w).hostIss + 1) >>> 0);
});

/** A world before its first event: every stage in its initial state, the start event queued. */
export function createWorld(scenario: Scenario): World {
  const w: World = {
    ...engineFields(scenario),
    host: initHostState(scenario),
    nic: initNicState(scenario),
    softirq: initSoftirqState(scenario),
    // Filled in by the start event, once the host has drawn its initial sequence number.
    tcp: null as unknown as TcpState,
    sock: initSockState(scenario),
    nvmf: initNvmfState(scenario),
    reactor: initReactorState(),
  };
  const sim: Sim = { w, rec: null, stopAt: -1, hooks: HOOKS, tap: null };
  schedule(sim, 0, EV_START);
  return w;
}

export function createSim(scenario: Scenario, rec: Recorder | null, tap: Sim['tap'] = null): Sim {
  bindAll();
  return { w: createWorld(scenario), rec, stopAt: -1, hooks: HOOKS, tap };
}
