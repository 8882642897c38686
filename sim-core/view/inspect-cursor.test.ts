import { describe, expect, it } from 'vitest';
import { HOOKS } from '../setup';
import { restoreAt } from '../trace/restore';
import { ViewCursor } from './cursor';
import { inspect } from './inspect';
import { skbPlaces } from './inspect-skb';
import type { InspectSelection, InspectView } from './inspect-types';
import { columnsOf, lastPipeWrite } from './scan';
import { lcg, recordingOf, TEN_G } from './testkit';

/** The inspect view at `step` the slow, obvious way: restore the world there and project it. */
function restoredInspect(id: string, step: number, sel: InspectSelection | null): InspectView {
  const { trace, keyframes } = recordingOf(id);
  const w = restoreAt(keyframes, step, HOOKS);
  const ctx = w.sock.recvPipe === null ? {} : { lastPipeWrite: lastPipeWrite(columnsOf(trace), step) };
  return inspect(w, sel, ctx);
}

function cursorOf(id: string): ViewCursor {
  const { trace, keyframes } = recordingOf(id);
  return new ViewCursor(trace, keyframes, columnsOf(trace));
}

describe('ViewCursor.inspectAt', () => {
  it('stepping forward and back gives what a fresh restore gives, for each kind', () => {
    const id = 'pipe-wrap';
    const c = cursorOf(id);
    const start = 9000;
    const w = restoreAt(recordingOf(id).keyframes, start, HOOKS);
    const sels: (InspectSelection | null)[] = [
      null,
      { kind: 'pipe', id: 0 },
      { kind: 'slot', id: w.nic.ntc },
      { kind: 'req', id: 1 },
      { kind: 'queue', id: 1 },
      { kind: 'cpu', id: 0 },
    ];
    const skb = skbPlaces(w)[0];
    if (skb !== undefined) sels.push({ kind: 'skb', id: skb.skb.id });
    for (const sel of sels) {
      for (let s = start; s < start + 12; s++)
        expect(c.inspectAt(s, sel)).toEqual(restoredInspect(id, s, sel));
      for (let s = start + 10; s > start - 12; s--)
        expect(c.inspectAt(s, sel)).toEqual(restoredInspect(id, s, sel));
    }
  });

  it('with one selection held, views and inspect views come from the same replays', () => {
    const id = TEN_G;
    const c = cursorOf(id);
    const sel: InspectSelection = { kind: 'pipe', id: 0 };
    const start = 20_000;
    c.viewAt(start);
    c.inspectAt(start, sel);
    const restores = c.stats.restores;
    const replayed = c.stats.rowsReplayed;
    // The player asks for the view, then the inspector for the same step: no replay of its own.
    for (let s = start + 1; s < start + 200; s++) {
      c.viewAt(s);
      c.inspectAt(s, sel);
    }
    expect(c.stats.restores).toBe(restores);
    // Forward replays only: about one row per step (an event's rows are replayed once).
    expect(c.stats.rowsReplayed - replayed).toBeLessThan(400);
    // Stepping back over them is a lookup.
    const before = c.stats.rowsReplayed;
    for (let s = start + 198; s > start + 150; s--) c.inspectAt(s, sel);
    expect(c.stats.rowsReplayed).toBe(before);
  });

  it('forward N then back N reads identical inspect views (any order of steps, same answers)', () => {
    const id = 'backlog';
    const total = recordingOf(id).trace.length;
    const c = cursorOf(id);
    const rnd = lcg(11);
    for (let k = 0; k < 6; k++) {
      const s0 = Math.floor(rnd() * (total - 40));
      const there: InspectView[] = [];
      for (let s = s0; s < s0 + 30; s++) there.push(c.inspectAt(s, null));
      for (let s = s0 + 29; s >= s0; s--) expect(c.inspectAt(s, null)).toEqual(there[s - s0]);
      // And from a fresh cursor jumping straight there.
      const fresh = cursorOf(id);
      expect(fresh.inspectAt(s0 + 17, null)).toEqual(there[17]);
    }
  });

  it('out of range steps throw RangeError (the engine turns it into an error answer)', () => {
    const c = cursorOf('write-4k-incapsule');
    expect(() => c.inspectAt(-1, null)).toThrow(RangeError);
    expect(() => c.inspectAt(c.total, null)).toThrow(RangeError);
    expect(() => c.inspectAt(1.5, null)).toThrow(RangeError);
  });
});
