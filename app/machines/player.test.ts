import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import type { Scenario } from '../sim-types';
import { FakeClient, type FakeOptions, settled } from './fake-client';
import { playerMachine, startStep } from './player';
import type { ScenarioSource } from './player-types';

const source: ScenarioSource = { id: 'fake', build: () => ({ id: 'fake' }) as unknown as Scenario };
const RECV = {
  label: 'recv enters PAYLOAD',
  bp: { kind: 'recv-state', state: 'AWAIT_PDU_PAYLOAD' },
} as const;

function start(opts: FakeOptions) {
  const client = new FakeClient(opts);
  const actor = createActor(playerMachine, { input: { client } });
  actor.start();
  return { client, actor };
}

/** Loaded and showing step 0, paused. */
async function ready(opts: FakeOptions) {
  const t = start(opts);
  t.actor.send({ type: 'LOAD', source });
  await settled();
  if (opts.auto !== true) {
    t.client.release('load');
    await settled();
    t.client.release('view 0');
    await settled();
  }
  await settled();
  return t;
}

const ctx = (t: { actor: ReturnType<typeof start>['actor'] }) => t.actor.getSnapshot().context;
const value = (t: { actor: ReturnType<typeof start>['actor'] }) => t.actor.getSnapshot().value;

describe('pure transitions (no effects run)', () => {
  const client = new FakeClient({ total: 10 });
  it('starts idle; LOAD goes to loading and asks for the loader actor', () => {
    const [s0] = initialTransition(playerMachine, { client });
    expect(s0.value).toBe('idle');
    const [s1] = transition(playerMachine, s0, { type: 'LOAD', source });
    expect(s1.value).toBe('loading');
    expect(s1.context.source).toBe(source);
    expect(client.calls).toEqual([]);
  });
  it('PLAY, STEP and RELOAD do nothing when idle (nothing to play, nothing loaded)', () => {
    const [s0] = initialTransition(playerMachine, { client });
    for (const e of [
      { type: 'PLAY' },
      { type: 'STEP', dir: 1, granularity: 'event' },
      { type: 'RELOAD' },
    ] as const) {
      expect(transition(playerMachine, s0, e)[0].value).toBe('idle');
    }
  });
  it('LOADED enters ready with a request for step 0 in flight', () => {
    const [s0] = initialTransition(playerMachine, { client });
    const [s1] = transition(playerMachine, s0, { type: 'LOAD', source });
    const empty = new Uint32Array(0);
    const markers = { irq: empty, drop: empty, termreq: empty, error: empty, state: empty };
    const [s2] = transition(playerMachine, s1, {
      type: 'LOADED',
      result: { totalSteps: 10, summary: {} as never, markers },
    });
    expect(s2.value).toEqual({ ready: { mode: 'paused', view: 'fetching' } });
    expect(s2.context.request).toEqual({ kind: 'goto', step: 0, hit: null });
    expect(s2.context.totalSteps).toBe(10);
  });
  it('CRASHED from loading goes to error and marks the worker for a restart', () => {
    const [s0] = initialTransition(playerMachine, { client });
    const [s1] = transition(playerMachine, s0, { type: 'LOAD', source });
    const [s2] = transition(playerMachine, s1, { type: 'CRASHED', message: 'boom' });
    expect(s2.value).toBe('error');
    expect(s2.context.error).toEqual({ kind: 'crash', message: 'boom' });
    expect(s2.context.restartWorker).toBe(true);
  });
});

describe('loading', () => {
  it('reports progress, then shows step 0 paused', async () => {
    const t = start({ total: 10 });
    t.actor.send({ type: 'LOAD', source });
    await settled();
    t.client.report(5000);
    expect(ctx(t).progress?.events).toBe(5000);
    t.client.release('load');
    await settled();
    expect(t.client.pending).toEqual(['view 0']);
    t.client.release('view 0');
    await settled();
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    expect(ctx(t).step).toBe(0);
    expect(ctx(t).view?.step).toBe(0);
    expect(ctx(t).progress).toBeNull();
  });
  it('CANCEL stops the load: the client cancels, the page is idle with a note', async () => {
    const t = start({ total: 10 });
    t.actor.send({ type: 'LOAD', source });
    await settled();
    t.actor.send({ type: 'CANCEL' });
    expect(t.client.cancels).toBe(1);
    expect(value(t)).toBe('idle');
    expect(ctx(t).notice).toMatch(/cancelled/i);
    // The load answering late changes nothing.
    t.client.release('load');
    await settled();
    expect(value(t)).toBe('idle');
  });
  it('a second LOAD while loading cancels the first and only the second is shown', async () => {
    const t = start({ total: 10 });
    t.actor.send({ type: 'LOAD', source });
    await settled();
    const other: ScenarioSource = { id: 'other', build: source.build };
    t.actor.send({ type: 'LOAD', source: other });
    await settled();
    expect(t.client.cancels).toBe(1);
    expect(t.client.calls.filter((c) => c === 'load')).toHaveLength(2);
    expect(ctx(t).source?.id).toBe('other');
  });
  it('a failed load goes to error with its message; RELOAD tries again', async () => {
    const t = start({ total: 10, loadError: 'no such preset' });
    t.actor.send({ type: 'LOAD', source });
    await settled();
    t.client.release('load');
    await settled();
    expect(value(t)).toBe('error');
    expect(ctx(t).error).toEqual({ kind: 'load', message: 'no such preset' });
    t.actor.send({ type: 'RELOAD' });
    expect(value(t)).toBe('loading');
    expect(ctx(t).error).toBeNull();
  });
  it('a scenario that throws while being built fails the load (no client call)', async () => {
    const t = start({ total: 10 });
    const broken: ScenarioSource = {
      id: 'broken',
      build: () => {
        throw new Error('bad knob');
      },
    };
    t.actor.send({ type: 'LOAD', source: broken });
    await settled();
    expect(value(t)).toBe('error');
    expect(ctx(t).error?.message).toBe('bad knob');
    expect(t.client.calls).toEqual([]);
  });
  it('after a crash, RELOAD restarts the worker and loads the scenario again', async () => {
    const t = await ready({ total: 10 });
    t.actor.send({ type: 'CRASHED', message: 'the simulation worker stopped' });
    expect(value(t)).toBe('error');
    expect(ctx(t).error?.kind).toBe('crash');
    t.actor.send({ type: 'RELOAD' });
    await settled();
    expect(t.client.restarts).toBe(1);
    t.client.release('load');
    await settled();
    t.client.release('view 0');
    await settled();
    expect(ctx(t).step).toBe(0);
    expect(ctx(t).restartWorker).toBe(false);
    expect(ctx(t).error).toBeNull();
  });
});

describe('stepping', () => {
  it('steps forward and back by event, and not before step 0 or past the end', async () => {
    const t = await ready({ total: 3, auto: true });
    t.actor.send({ type: 'STEP', dir: -1, granularity: 'event' });
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    for (const want of [1, 2, 2]) {
      t.actor.send({ type: 'STEP', dir: 1, granularity: 'event' });
      await settled();
      expect(ctx(t).step).toBe(want);
    }
    t.actor.send({ type: 'STEP', dir: -1, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(1);
  });
  it('two quick steps: the second starts from the first target, and only its view is shown', async () => {
    const t = await ready({ total: 10 });
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'event' });
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'event' });
    await settled();
    expect(t.client.pending).toEqual(['view 1', 'view 2']);
    // The older answer arrives first: its actor was stopped, so it is not shown.
    t.client.release('view 1');
    await settled();
    expect(ctx(t).step).toBe(0);
    expect(ctx(t).request).toEqual({ kind: 'goto', step: 2, hit: null });
    t.client.release('view 2');
    await settled();
    expect(ctx(t).step).toBe(2);
    expect(ctx(t).view?.step).toBe(2);
  });
  it('the latest request wins even when the older answer arrives last', async () => {
    const t = await ready({ total: 100 });
    t.actor.send({ type: 'SEEK', step: 50 });
    t.actor.send({ type: 'SEEK', step: 7 });
    await settled();
    t.client.release('view 7');
    await settled();
    expect(ctx(t).step).toBe(7);
    t.client.release('view 50');
    await settled();
    expect(ctx(t).step).toBe(7);
    expect(ctx(t).view?.step).toBe(7);
  });
  it('steps by packet with a seek, then fetches that step', async () => {
    const t = await ready({ total: 100, auto: true, stops: { packet: [10, 40] } });
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(10);
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(40);
    t.actor.send({ type: 'STEP', dir: -1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(10);
  });
  it('no further packet: the step stays and a note says why', async () => {
    const t = await ready({ total: 100, auto: true, stops: { packet: [10] } });
    t.actor.send({ type: 'SEEK', step: 20 });
    await settled();
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(20);
    expect(ctx(t).notice).toBe('No packet after step 21.');
  });
  it('a view error shows a message and leaves the player working; DISMISS clears it', async () => {
    const t = await ready({ total: 10 });
    t.actor.send({ type: 'SEEK', step: 5 });
    await settled();
    t.client.fail('view 5', new Error('restore failed'));
    await settled();
    expect(ctx(t).error).toEqual({ kind: 'view', message: 'restore failed' });
    expect(ctx(t).step).toBe(0);
    t.actor.send({ type: 'DISMISS' });
    expect(ctx(t).error).toBeNull();
    t.actor.send({ type: 'SEEK', step: 6 });
    await settled();
    t.client.release('view 6');
    await settled();
    expect(ctx(t).step).toBe(6);
  });
  it('RESET goes back to step 0; SEEK clamps to the trace', async () => {
    const t = await ready({ total: 10, auto: true });
    t.actor.send({ type: 'SEEK', step: 999 });
    await settled();
    expect(ctx(t).step).toBe(9);
    t.actor.send({ type: 'RESET' });
    await settled();
    expect(ctx(t).step).toBe(0);
  });
});

describe('playing', () => {
  it('PLAY then ADVANCE moves on; PAUSE stops; ADVANCE while paused does nothing', async () => {
    const t = await ready({ total: 100, auto: true });
    t.actor.send({ type: 'PLAY' });
    await settled();
    expect(value(t)).toEqual({ ready: { mode: { playing: 'going' }, view: 'idle' } });
    t.actor.send({ type: 'ADVANCE', count: 3, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(3);
    t.actor.send({ type: 'PAUSE' });
    t.actor.send({ type: 'ADVANCE', count: 3, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(3);
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
  });
  it('ADVANCE is ignored while a view is on its way (no flooding)', async () => {
    const t = await ready({ total: 100 });
    t.actor.send({ type: 'PLAY' });
    await settled();
    expect(t.client.pending).toEqual([]); // no breakpoints: nothing to find
    t.actor.send({ type: 'ADVANCE', count: 1, granularity: 'event' });
    t.actor.send({ type: 'ADVANCE', count: 1, granularity: 'event' });
    await settled();
    expect(t.client.pending).toEqual(['view 1']);
  });
  it('a user STEP while playing pauses and steps', async () => {
    const t = await ready({ total: 100, auto: true });
    t.actor.send({ type: 'PLAY' });
    await settled();
    t.actor.send({ type: 'STEP', dir: 1, granularity: 'event' });
    await settled();
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    expect(ctx(t).step).toBe(1);
  });
  it('stops at the last step by itself; PLAY there starts again from step 0', async () => {
    const t = await ready({ total: 5, auto: true });
    t.actor.send({ type: 'PLAY' });
    await settled();
    t.actor.send({ type: 'ADVANCE', count: 10, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(4);
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    t.actor.send({ type: 'PLAY' });
    await settled();
    expect(ctx(t).step).toBe(0);
    expect(value(t)).toEqual({ ready: { mode: { playing: 'going' }, view: 'idle' } });
  });
  it('playing by packet pauses when there is no further packet', async () => {
    const t = await ready({ total: 100, auto: true, stops: { packet: [10] } });
    t.actor.send({ type: 'PLAY' });
    await settled();
    t.actor.send({ type: 'ADVANCE', count: 1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(10);
    t.actor.send({ type: 'ADVANCE', count: 1, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(10);
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
  });
  it('stops exactly at an enabled breakpoint even when advancing past it', async () => {
    const t = await ready({ total: 100, auto: true, breaks: { 'recv-state': [7, 30] } });
    t.actor.send({ type: 'BREAKPOINTS', list: [RECV] });
    t.actor.send({ type: 'PLAY' });
    await settled();
    expect(ctx(t).nextBreak).toEqual({ step: 7, label: RECV.label });
    t.actor.send({ type: 'ADVANCE', count: 50, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(7);
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    expect(ctx(t).notice).toBe('Stopped at breakpoint “recv enters PAYLOAD” (step 8).');
    // Playing again goes on to the next one.
    t.actor.send({ type: 'PLAY' });
    await settled();
    t.actor.send({ type: 'ADVANCE', count: 50, granularity: 'event' });
    await settled();
    expect(ctx(t).step).toBe(30);
  });
  it('a breakpoint between two packets stops playing by packet at the breakpoint', async () => {
    const t = await ready({ total: 100, auto: true, stops: { packet: [10, 40] }, breaks: { termreq: [25] } });
    t.actor.send({ type: 'BREAKPOINTS', list: [{ label: 'TermReq', bp: { kind: 'termreq' } }] });
    t.actor.send({ type: 'PLAY' });
    await settled();
    t.actor.send({ type: 'ADVANCE', count: 5, granularity: 'packet' });
    await settled();
    expect(ctx(t).step).toBe(25);
    expect(ctx(t).notice).toMatch(/TermReq/);
  });
});

describe('run to breakpoint', () => {
  it('goes to the earliest enabled breakpoint after the step and pauses there', async () => {
    const t = await ready({
      total: 100,
      auto: true,
      breaks: { 'recv-state': [40], 'ring-overrun': [12, 60] },
    });
    t.actor.send({
      type: 'BREAKPOINTS',
      list: [RECV, { label: 'RX ring overrun', bp: { kind: 'ring-overrun' } }],
    });
    t.actor.send({ type: 'RUN' });
    await settled();
    expect(ctx(t).step).toBe(12);
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    expect(ctx(t).notice).toBe('Stopped at breakpoint “RX ring overrun” (step 13).');
    t.actor.send({ type: 'RUN' });
    await settled();
    expect(ctx(t).step).toBe(40);
  });
  it('says so when no breakpoint holds later', async () => {
    const t = await ready({ total: 100, auto: true, breaks: { 'recv-state': [4] } });
    t.actor.send({ type: 'BREAKPOINTS', list: [RECV] });
    t.actor.send({ type: 'SEEK', step: 50 });
    await settled();
    t.actor.send({ type: 'RUN' });
    await settled();
    expect(ctx(t).step).toBe(50);
    expect(ctx(t).notice).toBe('No enabled breakpoint holds after step 51.');
  });
  it('RUN with no breakpoints does nothing', async () => {
    const t = await ready({ total: 100, auto: true });
    t.actor.send({ type: 'RUN' });
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
  });
});

describe('a start step (opening a shared link)', () => {
  it('startStep keeps the start inside the run', () => {
    expect(startStep(undefined, 10)).toBe(0);
    expect(startStep(4, 10)).toBe(4);
    expect(startStep(99, 10)).toBe(9);
    expect(startStep(-3, 10)).toBe(0);
    expect(startStep(Number.NaN, 10)).toBe(0);
    expect(startStep(5, 0)).toBe(0);
  });
  it('LOADED asks for the source start step instead of step 0, and shows it', async () => {
    const t = start({ total: 10 });
    t.actor.send({ type: 'LOAD', source: { ...source, start: 6 } });
    await settled();
    t.client.release('load');
    await settled();
    expect(ctx(t).request).toEqual({ kind: 'goto', step: 6, hit: null });
    expect(t.client.pending).toEqual(['view 6']);
    t.client.release('view 6');
    await settled();
    expect(value(t)).toEqual({ ready: { mode: 'paused', view: 'idle' } });
    expect(ctx(t).step).toBe(6);
  });
  it('a start past the end shows the last step', async () => {
    const t = start({ total: 5, auto: true });
    t.actor.send({ type: 'LOAD', source: { ...source, start: 1234 } });
    await settled();
    await settled();
    expect(ctx(t).step).toBe(4);
    expect(t.client.calls).toEqual(['load', 'view 4']);
  });
  it('a later LOAD without a start begins at step 0 again', async () => {
    const t = start({ total: 10, auto: true });
    t.actor.send({ type: 'LOAD', source: { ...source, start: 3 } });
    await settled();
    await settled();
    expect(ctx(t).step).toBe(3);
    t.actor.send({ type: 'LOAD', source });
    await settled();
    await settled();
    expect(ctx(t).step).toBe(0);
  });
});
