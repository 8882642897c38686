/**
 * A fake worker client for tests: a trace of `total` steps whose views are tiny stand-ins,
 * granularity and breakpoint stops given as step lists, and every answer held until the
 * test releases it (`flush`), so the order of answers is the test's to choose.
 */
import type {
  Breakpoint,
  Granularity,
  LoadProgress,
  LoadResult,
  Scenario,
  SeekBy,
  ViewState,
} from '../sim-types';
import type { PlayerClient } from './player-types';

interface Held<T> {
  what: string;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
  value: () => T;
}

export interface FakeOptions {
  total: number;
  /** Steps each granularity stops at (event: every step). */
  stops?: Partial<Record<Exclude<Granularity, 'event'>, number[]>>;
  /** Steps where each breakpoint kind holds. */
  breaks?: Partial<Record<Breakpoint['kind'], number[]>>;
  /** Answer at once (true) or hold answers until flush() (false, the default). */
  auto?: boolean;
  /** Make load fail with this message. */
  loadError?: string;
}

export function fakeView(step: number, total: number): ViewState {
  return { step, totalSteps: total, t: step * 100, row: null } as unknown as ViewState;
}

export class FakeClient implements PlayerClient {
  readonly calls: string[] = [];
  cancels = 0;
  restarts = 0;
  private held: Held<unknown>[] = [];
  private progress: ((p: LoadProgress) => void) | undefined;

  constructor(readonly opts: FakeOptions) {}

  private hold<T>(what: string, value: () => T): Promise<T> {
    this.calls.push(what);
    return new Promise<T>((resolve, reject) => {
      const h: Held<T> = { what, resolve, reject, value };
      if (this.opts.auto === true) queueMicrotask(() => settle(h));
      else this.held.push(h as Held<unknown>);
    });
  }

  load(_scenario: Scenario, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
    this.progress = onProgress;
    return this.hold('load', () => {
      if (this.opts.loadError !== undefined) throw new Error(this.opts.loadError);
      const empty = new Uint32Array(0);
      return {
        totalSteps: this.opts.total,
        summary: {} as LoadResult['summary'],
        markers: { irq: empty, drop: empty, termreq: empty, error: empty, state: empty },
      };
    });
  }

  cancel(): void {
    this.cancels++;
  }

  restart(): void {
    this.restarts++;
  }

  view(step: number): Promise<ViewState> {
    return this.hold(`view ${step}`, () => fakeView(step, this.opts.total));
  }

  seek(from: number, dir: 1 | -1, by: SeekBy): Promise<number | null> {
    const list =
      typeof by === 'string'
        ? by === 'event'
          ? null
          : (this.opts.stops?.[by] ?? [])
        : (this.opts.breaks?.[by.breakpoint.kind] ?? []);
    const label = typeof by === 'string' ? by : by.breakpoint.kind;
    return this.hold(`seek ${from} ${dir} ${label}`, () => {
      if (list === null) {
        const to = from + dir;
        return to >= 0 && to < this.opts.total ? to : null;
      }
      const found = dir === 1 ? list.find((s) => s > from) : [...list].reverse().find((s) => s < from);
      return found ?? null;
    });
  }

  /** Report load progress. */
  report(events: number): void {
    this.progress?.({ events, simTimeNs: events * 10, fraction: null });
  }

  /** Descriptions of the answers still held. */
  get pending(): string[] {
    return this.held.map((h) => h.what);
  }

  /** Release the held answer described by `what` (the first held one when omitted). */
  release(what?: string): void {
    const i =
      what === undefined ? (this.held.length > 0 ? 0 : -1) : this.held.findIndex((h) => h.what === what);
    if (i < 0) throw new Error(`nothing held for '${what}' (held: ${this.pending.join(', ')})`);
    const [h] = this.held.splice(i, 1);
    settle(h!);
  }

  /** Fail the held answer described by `what`. */
  fail(what: string, error: unknown): void {
    const i = this.held.findIndex((h) => h.what === what);
    if (i < 0) throw new Error(`nothing held for '${what}'`);
    const [h] = this.held.splice(i, 1);
    h!.reject(error);
  }
}

function settle<T>(h: Held<T>): void {
  try {
    h.resolve(h.value());
  } catch (e) {
    h.reject(e);
  }
}

/** Let promise callbacks and the actors they notify run. */
export async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
