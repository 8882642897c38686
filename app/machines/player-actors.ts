/**
 * The player's asynchronous work, each an XState actor over the client: loading a scenario
 * (progress, cancel on stop), fetching the view a request asks for, and finding the next
 * breakpoint. Stopping an actor (a newer request, a new load) makes its answer unheard.
 */
import { fromCallback, fromPromise } from 'xstate';
import { messageOf } from '../format';
import type { NamedBreakpoint } from '../store/breakpoints';
import type { LoadResult } from '../sim-types';
import { earliest, nothingThere } from './player-requests';
import type {
  BreakHit,
  PlayerClient,
  PlayerEvent,
  ScenarioSource,
  ViewAnswer,
  ViewRequest,
} from './player-types';

export interface LoaderInput {
  client: PlayerClient;
  source: ScenarioSource;
  restart: boolean;
}

/** Loads a scenario, reporting PROGRESS, then LOADED or FAILED. Stopped early, it cancels the load. */
export const loader = fromCallback<PlayerEvent, LoaderInput>(({ sendBack, input }) => {
  const { client, source, restart } = input;
  let settled = false;
  let stopped = false;
  const run = async (): Promise<LoadResult> => {
    const scenario = source.build();
    if (restart) client.restart();
    return client.load(scenario, (progress) => {
      if (!stopped) sendBack({ type: 'PROGRESS', progress });
    });
  };
  run().then(
    (result) => {
      settled = true;
      if (!stopped) sendBack({ type: 'LOADED', result });
    },
    (e: unknown) => {
      settled = true;
      if (!stopped) sendBack({ type: 'FAILED', message: messageOf(e) });
    },
  );
  return () => {
    stopped = true;
    if (!settled) client.cancel();
  };
});

export interface FetchInput {
  client: PlayerClient;
  request: ViewRequest;
}

/** The view a request asks for; a seek request first finds its step (count seeks, stopping at `limit`). */
export const fetchView = fromPromise<ViewAnswer, FetchInput>(async ({ input }) => {
  const { client, request } = input;
  let step: number;
  let hit: BreakHit | null = null;
  if (request.kind === 'goto') {
    step = request.step;
    hit = request.hit;
  } else {
    let at = request.from;
    let moved = false;
    for (let i = 0; i < request.count; i++) {
      const next = await client.seek(at, request.dir, request.by);
      if (next === null) break;
      moved = true;
      at = next;
      const limit = request.limit;
      if (limit !== null && at >= limit.step) {
        at = limit.step;
        hit = limit;
        break;
      }
    }
    if (!moved)
      return { step: null, view: null, hit: null, why: nothingThere(request.by, request.dir, request.from) };
    step = at;
  }
  const view = await client.view(step);
  // A view for another step must never be shown as this one.
  if (view.step !== step) throw new Error(`asked for the view at step ${step} and got step ${view.step}`);
  return { step, view, hit, why: null };
});

export interface FindInput {
  client: PlayerClient;
  from: number;
  breakpoints: NamedBreakpoint[];
}

/** The first step after `from` where any of the breakpoints holds, or null. */
export const findBreak = fromPromise<BreakHit | null, FindInput>(async ({ input }) => {
  const { client, from, breakpoints } = input;
  const hits = await Promise.all(
    breakpoints.map(async ({ bp, label }) => {
      const step = await client.seek(from, 1, { breakpoint: bp });
      return step === null ? null : { step, label };
    }),
  );
  return earliest(hits);
});
