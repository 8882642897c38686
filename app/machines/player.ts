/**
 * The player statechart. Top level: idle (nothing loaded), loading, ready, error. `ready` has
 * two regions: `mode` (paused / playing / running to a breakpoint) and `view` (idle /
 * fetching). The view region keeps at most one request in flight; a newer one re-enters
 * `fetching`, which stops the older actor, so its answer is never shown: the latest wins and
 * a view is only shown for the step it was asked for.
 *
 * The scheduler (app/scheduler.ts) drives playing with ADVANCE; the user's STEP, SEEK and
 * RESET pause it. Effects run in actors (player-actors.ts) over the client given as input.
 */
import { and, assign, enqueueActions, raise, setup, stateIn } from 'xstate';
import { stepNumber } from '../format';
import type { SimError } from '../worker/client';
import { fetchView, findBreak, loader } from './player-actors';
import { advanceRequest, atEnd, gotoRequest, stepRequest } from './player-requests';
import type {
  BreakHit,
  PlayerClient,
  PlayerContext,
  PlayerEvent,
  ViewAnswer,
  ViewRequest,
} from './player-types';

export type { PlayerClient, PlayerContext, PlayerEvent } from './player-types';

/** Errors that need no message of their own: the crash is reported once, by CRASHED. */
function quietError(e: unknown): boolean {
  const kind = (e as Partial<SimError> | null)?.kind;
  return kind === 'crashed' || kind === 'terminated';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function stoppedAt(hit: BreakHit): string {
  return `Stopped at breakpoint “${hit.label}” (step ${stepNumber(hit.step)}).`;
}

const VIEW_IDLE = { ready: { view: 'idle' } } as const;

/** What the worker needs to find the next breakpoint from the step shown (playing and run-to-breakpoint). */
function findBreakInput({ context }: { context: PlayerContext }) {
  return { client: context.client, from: context.step, breakpoints: context.breakpoints };
}

/** The request an event makes in the view region (null: nothing to fetch). */
function requestFor(ctx: PlayerContext, e: PlayerEvent): ViewRequest | null {
  switch (e.type) {
    case 'STEP':
      return stepRequest(ctx, e.dir, e.granularity);
    case 'SEEK':
      return gotoRequest(ctx, e.step);
    case 'RESET':
      return gotoRequest(ctx, 0);
    case 'PLAY':
      // Play at the end starts again from the beginning.
      return atEnd(ctx) && ctx.totalSteps > 1 ? gotoRequest(ctx, 0) : null;
    case 'BREAKPOINT_HIT':
      // The mode region names the breakpoint; the view only has to get there.
      return e.hit.step === ctx.step ? null : gotoRequest(ctx, e.hit.step);
    case 'ADVANCE':
      return advanceRequest(ctx, e.count, e.granularity);
    default:
      return null;
  }
}

/** The user's moves, handled alike whether a request is in flight or not. */
const move = {
  guard: 'makesRequest',
  target: 'fetching',
  reenter: true,
  actions: 'setRequest',
} as const;

export const playerMachine = setup({
  types: {} as {
    context: PlayerContext;
    events: PlayerEvent;
    input: { client: PlayerClient };
  },
  actors: { loader, fetchView, findBreak },
  guards: {
    makesRequest: ({ context, event }) => requestFor(context, event) !== null,
    hasSource: ({ context }) => context.source !== null,
    ended: ({ context }) => atEnd(context),
  },
  actions: {
    setRequest: assign({
      request: ({ context, event }) => requestFor(context, event),
      notice: ({ context, event }) => (event.type === 'BREAKPOINT_HIT' ? context.notice : null),
      error: ({ context }) => (context.error?.kind === 'view' ? null : context.error),
    }),
  },
}).createMachine({
  id: 'player',
  context: ({ input }) => ({
    client: input.client,
    source: null,
    restartWorker: false,
    totalSteps: 0,
    step: -1,
    view: null,
    summary: null,
    markers: null,
    progress: null,
    error: null,
    notice: null,
    request: null,
    breakpoints: [],
    nextBreak: null,
  }),
  initial: 'idle',
  on: {
    LOAD: { target: '.loading', actions: assign({ source: ({ event }) => event.source }) },
    CRASHED: {
      target: '.error',
      actions: assign({
        error: ({ event }) => ({ kind: 'crash' as const, message: event.message }),
        restartWorker: true,
        notice: null,
      }),
    },
    BREAKPOINTS: { actions: assign({ breakpoints: ({ event }) => event.list }) },
    DISMISS: {
      actions: assign({
        notice: null,
        error: ({ context }) => (context.error?.kind === 'view' ? null : context.error),
      }),
    },
  },
  states: {
    idle: {
      on: { RELOAD: { guard: 'hasSource', target: 'loading' } },
    },
    loading: {
      entry: assign({
        totalSteps: 0,
        step: -1,
        view: null,
        summary: null,
        markers: null,
        progress: null,
        error: null,
        notice: null,
        request: null,
      }),
      invoke: {
        src: 'loader',
        input: ({ context }) => ({
          client: context.client,
          source: context.source!,
          restart: context.restartWorker,
        }),
      },
      on: {
        LOAD: { target: 'loading', reenter: true, actions: assign({ source: ({ event }) => event.source }) },
        PROGRESS: { actions: assign({ progress: ({ event }) => event.progress }) },
        LOADED: {
          target: 'ready',
          actions: assign({
            totalSteps: ({ event }) => event.result.totalSteps,
            summary: ({ event }) => event.result.summary,
            markers: ({ event }) => event.result.markers,
            progress: null,
            restartWorker: false,
            request: ({ context, event }) => ({
              kind: 'goto' as const,
              step: startStep(context.source?.start, event.result.totalSteps),
              hit: null,
            }),
          }),
        },
        FAILED: {
          target: 'error',
          actions: assign({ error: ({ event }) => ({ kind: 'load' as const, message: event.message }) }),
        },
        CANCEL: { target: 'idle', actions: assign({ notice: 'Loading cancelled.', progress: null }) },
      },
    },
    ready: {
      type: 'parallel',
      states: {
        mode: {
          initial: 'paused',
          states: {
            paused: {
              on: {
                PLAY: { guard: ({ context }) => context.totalSteps > 1, target: 'playing' },
                RUN: { guard: ({ context }) => context.breakpoints.length > 0, target: 'running' },
              },
            },
            playing: {
              initial: 'waiting',
              entry: assign({ nextBreak: undefined, notice: null }),
              always: { guard: and(['ended', stateIn(VIEW_IDLE)]), target: 'paused' },
              states: {
                // The next breakpoint is found from the step shown, once no request is in flight.
                waiting: { always: { guard: stateIn(VIEW_IDLE), target: 'finding' } },
                finding: {
                  invoke: {
                    src: 'findBreak',
                    input: findBreakInput,
                    onDone: { target: 'going', actions: assign({ nextBreak: ({ event }) => event.output }) },
                    onError: {
                      target: '#player.ready.mode.paused',
                      actions: assign({
                        error: ({ event }) => ({ kind: 'view' as const, message: errorText(event.error) }),
                      }),
                    },
                  },
                },
                going: {},
              },
              on: {
                PAUSE: 'paused',
                STEP: 'paused',
                SEEK: 'paused',
                RESET: 'paused',
                END: 'paused',
                BREAKPOINT_HIT: {
                  target: 'paused',
                  actions: assign({ notice: ({ event }) => stoppedAt(event.hit) }),
                },
                // Breakpoints changed while playing: find the next one again.
                BREAKPOINTS: {
                  target: 'playing',
                  reenter: true,
                  actions: assign({ breakpoints: ({ event }) => event.list }),
                },
              },
            },
            running: {
              initial: 'waiting',
              entry: assign({ notice: null }),
              states: {
                waiting: { always: { guard: stateIn(VIEW_IDLE), target: 'finding' } },
                finding: {
                  invoke: {
                    src: 'findBreak',
                    input: findBreakInput,
                    onDone: [
                      {
                        guard: ({ event }) => event.output !== null,
                        actions: raise(({ event }) => ({
                          type: 'BREAKPOINT_HIT' as const,
                          hit: event.output!,
                        })),
                      },
                      {
                        target: '#player.ready.mode.paused',
                        actions: assign({
                          notice: ({ context }) =>
                            `No enabled breakpoint holds after step ${stepNumber(context.step)}.`,
                        }),
                      },
                    ],
                    onError: {
                      target: '#player.ready.mode.paused',
                      actions: assign({
                        error: ({ event }) => ({ kind: 'view' as const, message: errorText(event.error) }),
                      }),
                    },
                  },
                },
              },
              on: {
                PAUSE: 'paused',
                STEP: 'paused',
                SEEK: 'paused',
                RESET: 'paused',
                END: 'paused',
                BREAKPOINT_HIT: {
                  target: 'paused',
                  actions: assign({ notice: ({ event }) => stoppedAt(event.hit) }),
                },
              },
            },
          },
        },
        view: {
          initial: 'fetching',
          states: {
            idle: {
              on: {
                STEP: move,
                SEEK: move,
                RESET: move,
                PLAY: move,
                BREAKPOINT_HIT: move,
                ADVANCE: {
                  guard: and([stateIn({ ready: { mode: { playing: 'going' } } }), 'makesRequest']),
                  target: 'fetching',
                  actions: assign({ request: ({ context, event }) => requestFor(context, event) }),
                },
              },
            },
            fetching: {
              invoke: {
                src: 'fetchView',
                input: ({ context }) => ({ client: context.client, request: context.request! }),
                onDone: {
                  target: 'idle',
                  actions: enqueueActions(({ context, event, enqueue }) => {
                    const a = event.output;
                    enqueue.assign(shown(context, a));
                    // Tell the mode region: a breakpoint was reached, or there is nothing more to play.
                    if (a.hit !== null && a.step === a.hit.step)
                      enqueue.raise({ type: 'BREAKPOINT_HIT', hit: a.hit });
                    else if (a.step === null) enqueue.raise({ type: 'END' });
                  }),
                },
                onError: [
                  {
                    guard: ({ event }) => quietError(event.error),
                    target: 'idle',
                    actions: assign({ request: null }),
                  },
                  {
                    target: 'idle',
                    actions: [
                      assign({
                        request: null,
                        error: ({ event }) => ({ kind: 'view' as const, message: errorText(event.error) }),
                      }),
                      raise({ type: 'END' }),
                    ],
                  },
                ],
              },
              on: { STEP: move, SEEK: move, RESET: move, PLAY: move, BREAKPOINT_HIT: move },
            },
          },
        },
      },
    },
    error: {
      on: { RELOAD: { guard: 'hasSource', target: 'loading' } },
    },
  },
});

/** The first step shown after a load: the source's start (a link's step), kept inside the run. */
export function startStep(start: number | undefined, totalSteps: number): number {
  if (start === undefined || !Number.isFinite(start) || totalSteps <= 0) return 0;
  return Math.min(Math.max(0, Math.trunc(start)), totalSteps - 1);
}

/** The context once an answer arrives: its view, or a note that there was nowhere to go. */
function shown(ctx: PlayerContext, a: ViewAnswer): Partial<PlayerContext> {
  if (a.step === null || a.view === null) return { request: null, notice: a.why ?? ctx.notice };
  return { request: null, step: a.step, view: a.view };
}
