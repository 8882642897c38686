import { describe, expect, it } from 'vitest';
import { createMotion } from './motion';

function harness() {
  let listener: ((a: number) => void) | null = null;
  const m = createMotion((cb) => {
    listener = cb;
    return () => {
      listener = null;
    };
  });
  return { m, frame: (a: number) => listener?.(a), attached: () => listener !== null };
}

describe('motion', () => {
  it('applies a new key at once, then interpolates toward new targets during a transition', () => {
    const h = harness();
    const seen: number[] = [];
    h.m.to('x', 10, (v) => seen.push(v));
    expect(seen).toEqual([10]);
    h.frame(0); // a transition begins
    h.m.to('x', 20, (v) => seen.push(v));
    h.frame(0.5);
    h.frame(1);
    expect(seen).toEqual([10, 15, 20]);
  });
  it('sets at once when no transition is running (alpha already 1)', () => {
    const h = harness();
    const seen: number[] = [];
    h.m.to('x', 1, (v) => seen.push(v));
    h.m.to('x', 5, (v) => seen.push(v));
    expect(seen).toEqual([1, 5]);
  });
  it('restarts from where it is when retargeted mid-way', () => {
    const h = harness();
    let now = 0;
    h.m.to('x', 0, (v) => {
      now = v;
    });
    h.frame(0);
    h.m.to('x', 100, (v) => {
      now = v;
    });
    h.frame(0.5);
    expect(now).toBe(50);
    h.frame(0);
    h.m.to('x', 0, (v) => {
      now = v;
    });
    h.frame(0.5);
    expect(now).toBe(25);
  });
  it('jump sets without animating; sweep drops untouched keys; dispose detaches', () => {
    const h = harness();
    const seen: number[] = [];
    h.m.to('a', 1, (v) => seen.push(v));
    h.frame(0);
    h.m.jump('a', 9, (v) => seen.push(v));
    h.frame(0.5);
    expect(seen).toEqual([1, 9]);
    h.m.sweep(); // a touched: kept, flags cleared
    h.m.sweep(); // a untouched since: dropped
    h.m.to('a', 3, (v) => seen.push(v));
    expect(seen.at(-1)).toBe(3);
    h.m.dispose();
    expect(h.attached()).toBe(false);
  });
});
