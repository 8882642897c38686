import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, getNextSnapshot } from 'xstate';
import { machineInfo } from '../../trace/machines';
import { QPAIR_STATE_NAMES, RECV_STATE_NAMES, REQ_STATE_NAMES } from './constants';
import {
  compileMachine,
  nextState,
  QPAIR_EVENTS,
  QPAIR_TABLE,
  qpairMachine,
  RECV_EVENTS,
  RECV_TABLE,
  recvMachine,
  REQ_EVENTS,
  REQ_TABLE,
  reqMachine,
  type TransitionTable,
} from './machines';

const cases: [string, AnyStateMachine, readonly string[], TransitionTable, readonly string[], number][] = [
  ['receive', recvMachine, RECV_EVENTS, RECV_TABLE, RECV_STATE_NAMES, 1],
  ['tcp_req', reqMachine, REQ_EVENTS, REQ_TABLE, REQ_STATE_NAMES, 2],
  ['qpair', qpairMachine, QPAIR_EVENTS, QPAIR_TABLE, QPAIR_STATE_NAMES, 3],
];

describe.each(cases)('%s machine', (_name, machine, events, table, upstream, id) => {
  it('has exactly the upstream enum states, in enum order', () => {
    expect(Object.keys(machine.root.states)).toEqual([...upstream]);
    expect(table.states).toEqual([...upstream]);
  });

  it('compiles to the same table from the plain definition (run) and from XState (drawn)', () => {
    expect(compileMachine(machine, events)).toEqual(table);
  });

  it('is registered for the trace with the definition states', () => {
    expect(machineInfo(id)?.states).toEqual([...upstream]);
  });

  it('agrees with XState for every (state, event) pair', () => {
    for (let s = 0; s < table.states.length; s++) {
      const snap = machine.resolveState({ value: table.states[s]! } as Parameters<
        AnyStateMachine['resolveState']
      >[0]);
      for (let e = 0; e < events.length; e++) {
        const ev = { type: events[e]! };
        const allowed = snap.can(ev as never);
        const raw = table.next[s * events.length + e]!;
        expect(raw >= 0, `${table.states[s]} on ${events[e]}`).toBe(allowed);
        if (allowed) {
          const next = getNextSnapshot(machine, snap, ev as never);
          expect(table.states[nextState(table, s, e)], `${table.states[s]} on ${events[e]}`).toBe(next.value);
        } else {
          expect(() => nextState(table, s, e)).toThrow(/no transition/);
        }
      }
    }
  });

  it('reaches every state from the initial one', () => {
    const seen = new Set([0]);
    const todo = [0];
    while (todo.length > 0) {
      const s = todo.pop()!;
      for (let e = 0; e < events.length; e++) {
        const to = table.next[s * events.length + e]!;
        if (to >= 0 && !seen.has(to)) {
          seen.add(to);
          todo.push(to);
        }
      }
    }
    expect(seen.size).toBe(table.states.length);
  });

  it('uses every event somewhere', () => {
    for (let e = 0; e < events.length; e++) {
      let used = false;
      for (let s = 0; s < table.states.length; s++) if (table.next[s * events.length + e]! >= 0) used = true;
      expect(used, events[e]).toBe(true);
    }
  });
});

describe('compileMachine', () => {
  it('rejects an event list that misses an event of the definition', () => {
    expect(() => compileMachine(recvMachine, RECV_EVENTS.slice(1))).toThrow(/not in the event list/);
  });

  it('compiles a transition to the same state as staying put', () => {
    const s = RECV_STATE_NAMES.indexOf('NVME_TCP_PDU_RECV_STATE_QUIESCING');
    expect(nextState(RECV_TABLE, s, RECV_EVENTS.indexOf('TERM_REQ_SENT'))).toBe(s);
  });
});
