import { describe, expect, it } from 'vitest';
import { cellAt, gridLayout, iovWidths, legendOf, reqStateCode, reqStateGroup } from './reqs-geometry';

describe('tcp_req grid', () => {
  it('fits 128 requests in balanced rows within the width', () => {
    const g = gridLayout(128, 1000, 40, 30, 4);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(128);
    expect(g.cols * (g.rows - 1)).toBeLessThan(128);
    expect(g.cellW).toBeGreaterThanOrEqual(40);
    expect(g.cols * g.cellW + (g.cols - 1) * g.gap).toBeCloseTo(1000);
    const [x, y] = cellAt(g, g.cols + 1);
    expect(x).toBeCloseTo(g.cellW + g.gap);
    expect(y).toBeCloseTo(g.cellH + g.gap);
  });
  it('keeps a few requests on one row', () => {
    const g = gridLayout(4, 1000, 40, 30, 4);
    expect([g.cols, g.rows]).toEqual([4, 1]);
  });
  it('codes states in three letters, FREE as nothing, and lists the codes in use once', () => {
    expect(reqStateCode('TCP_REQUEST_STATE_TRANSFERRING_HOST_TO_CONTROLLER')).toBe('H2C');
    expect(reqStateCode('TCP_REQUEST_STATE_FREE')).toBe('');
    expect(reqStateGroup('TCP_REQUEST_STATE_AWAITING_R2T_ACK')).toBe('wait');
    expect(reqStateGroup('TCP_REQUEST_STATE_EXECUTING')).toBe('exec');
    expect(
      legendOf([
        'TCP_REQUEST_STATE_FREE',
        'TCP_REQUEST_STATE_EXECUTING',
        'TCP_REQUEST_STATE_EXECUTING',
        'TCP_REQUEST_STATE_NEW',
      ]),
    ).toEqual([
      { code: 'EXE', name: 'EXECUTING' },
      { code: 'NEW', name: 'NEW' },
    ]);
  });
  it('splits a strip among iovecs by length', () => {
    const w = iovWidths([4096, 4096, 8192], 103, 1);
    expect(w.reduce((s, x) => s + x, 0) + 2).toBeCloseTo(103);
    expect(w[2]).toBeCloseTo(2 * w[0]!);
  });
});
