import { describe, expect, it } from 'vitest';
import type { Markers } from '../../sim-types';
import { binSteps, nearestMarker, nextMarker, stepToX, xToStep } from './markers';

const u = (...n: number[]) => Uint32Array.from(n);
const m: Markers = { irq: u(10, 50), drop: u(30), termreq: u(), error: u(90), state: u(1, 2, 3) };

describe('timeline markers', () => {
  it('maps steps to x and back across the strip', () => {
    expect(stepToX(0, 101, 200)).toBe(0);
    expect(stepToX(100, 101, 200)).toBe(200);
    expect(xToStep(100, 101, 200)).toBe(50);
    expect(xToStep(-5, 101, 200)).toBe(0);
    expect(xToStep(999, 101, 200)).toBe(100);
  });
  it('bins steps into pixel columns', () => {
    expect([...binSteps(u(0, 50, 100), 101, 11)]).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });
  it('finds the nearest marker within a distance, across kinds', () => {
    expect(nearestMarker(m, ['irq', 'drop'], 33, 5)).toBe(30);
    expect(nearestMarker(m, ['irq', 'drop'], 44, 5)).toBeNull();
    expect(nearestMarker(m, ['irq'], 48, 5)).toBe(50);
  });
  it('finds the next and previous marker, strictly after or before', () => {
    expect(nextMarker(m, ['irq', 'drop', 'error'], 10, 1)).toBe(30);
    expect(nextMarker(m, ['irq', 'drop', 'error'], 30, -1)).toBe(10);
    expect(nextMarker(m, ['irq', 'drop', 'error'], 90, 1)).toBeNull();
    expect(nextMarker(m, ['irq'], 10, -1)).toBeNull();
  });
});
