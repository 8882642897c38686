import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FakeClient, settled } from '../machines/fake-client';
import { playerMachine } from '../machines/player';
import type { Scenario } from '../sim-types';
import { bindPlayer } from './bind-player';
import { createAppStore } from './store';

function setup() {
  const client = new FakeClient({ total: 50, auto: true, breaks: { termreq: [20] } });
  const actor = createActor(playerMachine, { input: { client } });
  actor.start();
  const store = createAppStore();
  const unbind = bindPlayer(actor, store);
  return { client, actor, store, unbind };
}

describe('store', () => {
  it('adds a breakpoint once: adding the same condition again re-enables it', () => {
    const store = createAppStore();
    store.getState().addBreakpoint({ kind: 'recv-state', state: 'AWAIT_PDU_PAYLOAD' });
    const [e] = store.getState().breakpoints;
    store.getState().toggleBreakpoint(e!.id, false);
    store.getState().addBreakpoint({ kind: 'recv-state', state: 'AWAIT_PDU_PAYLOAD' });
    store.getState().addBreakpoint({ kind: 'recv-state', state: 'AWAIT_PDU_CH' });
    const list = store.getState().breakpoints;
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ id: e!.id, bp: e!.bp, enabled: true });
    store.getState().removeBreakpoint(e!.id);
    expect(store.getState().breakpoints.map((b) => b.bp)).toEqual([
      { kind: 'recv-state', state: 'AWAIT_PDU_CH' },
    ]);
  });
});

describe('bindPlayer', () => {
  it('mirrors the player: phase, step and view follow the machine', async () => {
    const t = setup();
    expect(t.store.getState().phase).toBe('idle');
    t.actor.send({ type: 'LOAD', source: { id: 'x', build: () => ({}) as Scenario } });
    expect(t.store.getState()).toMatchObject({ phase: 'loading', scenarioId: 'x' });
    await settled();
    expect(t.store.getState()).toMatchObject({ phase: 'paused', step: 0, totalSteps: 50, busy: false });
    t.actor.send({ type: 'SEEK', step: 9 });
    expect(t.store.getState().busy).toBe(true);
    await settled();
    expect(t.store.getState().step).toBe(9);
    expect(t.store.getState().view?.step).toBe(9);
    t.actor.send({ type: 'PLAY' });
    expect(t.store.getState().phase).toBe('playing');
  });
  it('sends the enabled breakpoints to the player when they change', async () => {
    const t = setup();
    t.store.getState().addBreakpoint({ kind: 'termreq' });
    expect(t.actor.getSnapshot().context.breakpoints).toEqual([
      { label: 'TermReq', bp: { kind: 'termreq' } },
    ]);
    t.store.getState().toggleBreakpoint(t.store.getState().breakpoints[0]!.id, false);
    expect(t.actor.getSnapshot().context.breakpoints).toEqual([]);
  });
  it('stops mirroring when unbound', async () => {
    const t = setup();
    t.unbind();
    t.actor.send({ type: 'LOAD', source: { id: 'x', build: () => ({}) as Scenario } });
    expect(t.store.getState().phase).toBe('idle');
  });
});
