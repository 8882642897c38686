import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../scenario';
import { HOOKS } from '../setup';
import { restoreAt } from '../trace/restore';
import { ViewCursor } from './cursor';
import { viewOf } from './project';
import { describeRow } from './row';
import { columnsOf, lastPipeWrite } from './scan';
import { lcg, recordingOf } from './testkit';
import type { ViewState } from './types';

/** The view at `step` the slow, obvious way: restore the world there and project it. */
function restoredView(id: string, step: number): ViewState {
  const { trace, keyframes } = recordingOf(id);
  const w = restoreAt(keyframes, step, HOOKS);
  const cols = columnsOf(trace);
  const ctx = w.sock.recvPipe === null ? {} : { lastPipeWrite: lastPipeWrite(cols, step) };
  return viewOf(w, describeRow(step, trace.row(step)), trace.length, ctx);
}

function cursorOf(id: string): ViewCursor {
  const { trace, keyframes } = recordingOf(id);
  return new ViewCursor(trace, keyframes, columnsOf(trace));
}

describe('ViewCursor', () => {
  it('stepping forward continues from the cursor and shows what a fresh restore shows', () => {
    const id = 'pipe-wrap';
    const c = cursorOf(id);
    const start = 9000;
    c.viewAt(start);
    const restores = c.stats.restores;
    for (let s = start + 1; s < start + 40; s++) expect(c.viewAt(s)).toEqual(restoredView(id, s));
    expect(c.stats.restores).toBe(restores);
    expect(c.stats.forward + c.stats.hits).toBeGreaterThanOrEqual(39);
  });

  it('stepping back is served from the views kept on the way (no restore per step)', () => {
    const id = 'ring-overrun';
    const c = cursorOf(id);
    c.viewAt(6000);
    const restores = c.stats.restores;
    for (let s = 5999; s > 5950; s--) expect(c.viewAt(s)).toEqual(restoredView(id, s));
    expect(c.stats.restores - restores).toBeLessThanOrEqual(1);
  });

  it('any order of steps gives the same views as fresh restores (property)', () => {
    const id = 'backlog';
    const total = recordingOf(id).trace.length;
    const c = cursorOf(id);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: total - 1 }), { minLength: 1, maxLength: 4 }),
        (steps) => {
          for (const s of steps) {
            expect(c.viewAt(s)).toEqual(restoredView(id, s));
            expect(c.viewAt(Math.min(total - 1, s + 1))).toEqual(
              restoredView(id, Math.min(total - 1, s + 1)),
            );
          }
        },
      ),
      { numRuns: 6, seed: 42 },
    );
  });

  it('every preset: views at random steps are JSON-clean and under 64 KB', () => {
    for (const id of PRESET_IDS) {
      const c = cursorOf(id);
      const next = lcg(id.length);
      for (let k = 0; k < 6; k++) {
        const v = c.viewAt(Math.floor(next() * c.total));
        const json = JSON.stringify(v);
        expect(json.length, id).toBeLessThan(64 * 1024);
        expect(JSON.parse(json)).toEqual(v);
      }
    }
  });

  it('rejects steps outside the trace', () => {
    const c = cursorOf('write-4k-incapsule');
    expect(() => c.viewAt(-1)).toThrow(RangeError);
    expect(() => c.viewAt(c.total)).toThrow(RangeError);
    expect(() => c.viewAt(1.5)).toThrow(RangeError);
    expect(c.viewAt(c.total - 1).step).toBe(c.total - 1);
  });

  it('the pipe view names the iovecs of the last readv into the pipe', () => {
    const id = 'pipe-wrap';
    const c = cursorOf(id);
    let twoIov = 0;
    for (let s = 0; s < c.total; s += 97) {
      const p = c.viewAt(s).pipe;
      if (p === null || p.lastWriteStep < 0) continue;
      for (const [off, len] of p.lastWriteIovs) expect(off + len).toBeLessThanOrEqual(p.sz);
      if (p.lastWriteIovs.length === 2) {
        twoIov++;
        // A wrapped write ends at the buffer's end and continues at 0.
        expect(p.lastWriteIovs[0]![0] + p.lastWriteIovs[0]![1]).toBe(p.sz);
        expect(p.lastWriteIovs[1]![0]).toBe(0);
      }
    }
    expect(twoIov).toBeGreaterThan(0);
  });
});
