/**
 * Pure helpers of the player: which view request a step, a seek or an advance makes. The
 * player keeps one request in flight; a new one replaces it, so the latest request wins.
 */
import type { Granularity } from '../sim-types';
import { stepNumber } from '../format';
import type { BreakHit, Dir, PlayerContext, ViewRequest } from './player-types';

type Ctx = Pick<PlayerContext, 'step' | 'totalSteps' | 'request' | 'nextBreak'>;

export function lastStep(ctx: Ctx): number {
  return Math.max(0, ctx.totalSteps - 1);
}

export function clampStep(ctx: Ctx, step: number): number {
  return Math.min(lastStep(ctx), Math.max(0, Math.round(step)));
}

/** Where the next request starts: the step a request in flight goes to, else the step shown. */
export function baseStep(ctx: Ctx): number {
  if (ctx.request?.kind === 'goto') return ctx.request.step;
  return Math.max(0, ctx.step);
}

/** Going to `step`, or null when that is already shown or on its way. */
export function gotoRequest(ctx: Ctx, step: number, hit: BreakHit | null = null): ViewRequest | null {
  const to = clampStep(ctx, step);
  if (ctx.request === null ? to === ctx.step : ctx.request.kind === 'goto' && ctx.request.step === to)
    return null;
  return { kind: 'goto', step: to, hit };
}

/** One step by the user, from where the player is or is going. Null when there is nowhere to go. */
export function stepRequest(ctx: Ctx, dir: Dir, granularity: Granularity): ViewRequest | null {
  const from = baseStep(ctx);
  if (granularity === 'event') return gotoRequest(ctx, from + dir);
  return { kind: 'seek', from, dir, by: granularity, count: 1, limit: null };
}

/** Playing moves on by `count` steps of a granularity, stopping at the next breakpoint. */
export function advanceRequest(ctx: Ctx, count: number, granularity: Granularity): ViewRequest | null {
  const from = Math.max(0, ctx.step);
  const nb = ctx.nextBreak;
  const limit = nb !== undefined && nb !== null && nb.step > from ? nb : null;
  const n = Math.max(1, Math.floor(count));
  if (granularity === 'event') {
    const to = Math.min(from + n, lastStep(ctx));
    if (limit !== null && to >= limit.step) return { kind: 'goto', step: limit.step, hit: limit };
    return to === from ? null : { kind: 'goto', step: to, hit: null };
  }
  return { kind: 'seek', from, dir: 1, by: granularity, count: n, limit };
}

/** At the last step with nothing on its way: playing stops. */
export function atEnd(ctx: Ctx): boolean {
  return ctx.request === null && ctx.step >= lastStep(ctx);
}

const UNIT: Record<Granularity, string> = {
  event: 'event',
  function: 'function',
  pdu: 'PDU',
  packet: 'packet',
};

/** Why a seek found nothing: "No packet after step 40." */
export function nothingThere(by: Granularity, dir: Dir, from: number): string {
  return `No ${UNIT[by]} ${dir === 1 ? 'after' : 'before'} step ${stepNumber(from)}.`;
}

/** The earliest of the breakpoints' next steps (null: none holds). */
export function earliest(hits: (BreakHit | null)[]): BreakHit | null {
  let best: BreakHit | null = null;
  for (const h of hits) if (h !== null && (best === null || h.step < best.step)) best = h;
  return best;
}
