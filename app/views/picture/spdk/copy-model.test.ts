import { describe, expect, it } from 'vitest';
import { describeRow } from '../../../../sim-core/view';
import { recordingOf } from '../../../../sim-core/view/testkit';
import { copyActivity, litArrows } from './copy-model';

/** Every row of a recorded preset, as the worker describes it. */
function rows(id: string) {
  const { trace } = recordingOf(id);
  return Array.from({ length: trace.length }, (_, i) => describeRow(i, trace.row(i)));
}

describe('copyActivity', () => {
  it('write-4k-incapsule: plain reads before the pipe, then a pipe fill and copies out of it', () => {
    const seen = rows('write-4k-incapsule').map((r) => copyActivity(r));
    const paths = seen.filter((a) => a !== null).map((a) => a!.path);
    // The ICReq is read without a pipe (direct, plain readv); the capsule goes through the pipe.
    expect(paths.indexOf('direct')).toBeLessThan(paths.indexOf('alloc'));
    expect(paths.indexOf('alloc')).toBeLessThan(paths.indexOf('pipe'));
    expect(paths).toContain('from-pipe');
    expect(paths).toContain('kernel');
    const fill = seen.find((a) => a?.text.startsWith('posix_sock_read:'));
    expect(fill?.text).toMatch(/^posix_sock_read: [\d,]+ B into the pipe \(1 iovec offered\)$/);
  });

  it('write-128k-r2t: large payload reads take the direct path', () => {
    const r = rows('write-128k-r2t');
    const direct = r.filter((x) => x.fn === 'posix_sock_readv' && x.b === 1);
    expect(direct.length).toBeGreaterThan(0);
    for (const d of direct) expect(copyActivity(d)?.path).toBe('direct');
  });

  it('rows outside the copy have no activity; the kernel copy lights both branches as it feeds them', () => {
    const r = rows('write-4k-incapsule');
    expect(copyActivity(r.find((x) => x.fn === 'napi_gro_receive')!)).toBeNull();
    expect(copyActivity(null)).toBeNull();
    expect([...litArrows('pipe')].sort()).toEqual(['kernel', 'pipe']);
    expect([...litArrows('from-pipe')]).toEqual(['iovcpy']);
  });
});
