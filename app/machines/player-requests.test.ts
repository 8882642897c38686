import { describe, expect, it } from 'vitest';
import { advanceRequest, atEnd, baseStep, gotoRequest, nothingThere, stepRequest } from './player-requests';
import type { PlayerContext } from './player-types';

type Ctx = Pick<PlayerContext, 'step' | 'totalSteps' | 'request' | 'nextBreak'>;
const ctx = (over: Partial<Ctx> = {}): Ctx => ({
  step: 10,
  totalSteps: 100,
  request: null,
  nextBreak: null,
  ...over,
});

describe('player requests', () => {
  it('starts from the goto in flight, else from the step shown', () => {
    expect(baseStep(ctx())).toBe(10);
    expect(baseStep(ctx({ request: { kind: 'goto', step: 40, hit: null } }))).toBe(40);
    const seek = { kind: 'seek', from: 10, dir: 1, by: 'pdu', count: 1, limit: null } as const;
    expect(baseStep(ctx({ request: seek }))).toBe(10);
  });
  it('goes nowhere when the step is already shown or on its way, and clamps to the trace', () => {
    expect(gotoRequest(ctx(), 10)).toBeNull();
    expect(gotoRequest(ctx({ request: { kind: 'goto', step: 12, hit: null } }), 12)).toBeNull();
    expect(gotoRequest(ctx({ request: { kind: 'goto', step: 12, hit: null } }), 10)).toEqual({
      kind: 'goto',
      step: 10,
      hit: null,
    });
    expect(gotoRequest(ctx(), 500)).toMatchObject({ step: 99 });
    expect(gotoRequest(ctx(), -3)).toMatchObject({ step: 0 });
  });
  it('steps by event without asking the worker, by other granularities with a seek', () => {
    expect(stepRequest(ctx(), 1, 'event')).toEqual({ kind: 'goto', step: 11, hit: null });
    expect(stepRequest(ctx({ step: 0 }), -1, 'event')).toBeNull();
    expect(stepRequest(ctx(), -1, 'packet')).toEqual({
      kind: 'seek',
      from: 10,
      dir: -1,
      by: 'packet',
      count: 1,
      limit: null,
    });
  });
  it('advances by count, stopping at the next breakpoint ahead (not one already passed)', () => {
    expect(advanceRequest(ctx(), 5, 'event')).toEqual({ kind: 'goto', step: 15, hit: null });
    const hit = { step: 13, label: 'x' };
    expect(advanceRequest(ctx({ nextBreak: hit }), 5, 'event')).toEqual({ kind: 'goto', step: 13, hit });
    expect(advanceRequest(ctx({ nextBreak: { step: 10, label: 'x' } }), 5, 'event')).toMatchObject({
      step: 15,
    });
    expect(advanceRequest(ctx({ step: 99 }), 5, 'event')).toBeNull();
    expect(advanceRequest(ctx({ nextBreak: hit }), 3, 'pdu')).toMatchObject({
      kind: 'seek',
      count: 3,
      limit: hit,
    });
  });
  it('is at the end only at the last step with nothing in flight', () => {
    expect(atEnd(ctx({ step: 99 }))).toBe(true);
    expect(atEnd(ctx({ step: 99, request: { kind: 'goto', step: 0, hit: null } }))).toBe(false);
    expect(atEnd(ctx())).toBe(false);
  });
  it('says in words why a seek went nowhere', () => {
    expect(nothingThere('pdu', -1, 0)).toBe('No PDU before step 1.');
  });
});
