import { describe, expect, it } from 'vitest';
import '../engine/cpu';
import { run } from '../engine/run';
import { counter } from '../ledger/ledger';
import { checkPattern } from '../ledger/pattern';
import { readRxHeaders, type RxSkb } from '../nic/rx-skb';
import { TCP_ACK, TCP_PSH } from '../wire/tcp';
import {
  C_GRO_FLUSH_OLDEST,
  C_GRO_NORMAL_LIST,
  C_NAPI_GRO_RECEIVE,
  C_TCP_GRO_FLUSH,
  FLUSH_64K,
  FLUSH_ACK_WINDOW,
  FLUSH_FLAGS,
  FLUSH_IP,
  FLUSH_NOT_CONTIGUOUS,
  FLUSH_OPTIONS,
  FLUSH_OVER_MSS,
  FLUSH_SHORT,
  GRO_HELD,
  GRO_MERGED_FREE,
  GRO_NORMAL,
} from './codes';
import { groBucket } from './gro';
import { arrive, rig, rowsOf, seg, type SegOpts, skbBytes, stream, TEST_CID } from './testkit';

type Rig = ReturnType<typeof rig>;

/** All frames land before the first interrupt, so one poll hands them to GRO in order. */
function burst(frames: Uint8Array[], patch?: Parameters<typeof rig>[0]): Rig {
  const r = rig(patch);
  for (const f of frames) arrive(r.sim, 0, f);
  run(r.sim);
  return r;
}

const segs = (opts: SegOpts[]) => opts.map((o, i) => seg({ ipId: i, ...o }));
const shape = (r: Rig) => r.delivered.map((s) => [s.seq, s.len, s.segs]);
const reasons = (r: Rig) => rowsOf(r, C_TCP_GRO_FLUSH).map((x) => x.a);

describe('napi_gro_receive merge rules', () => {
  it('merges contiguous segments of one flow into one skb, bytes intact', () => {
    const r = burst(stream(5));
    expect(shape(r)).toEqual([[0, 5 * 1448, 5]]);
    expect(counter(r.sim, 'gro.merged')).toBe(4);
    expect(counter(r.sim, 'gro.skbs')).toBe(1);
    const skb = r.delivered[0]!;
    expect(skb.frags).toHaveLength(5);
    expect(skb.frameIds).toHaveLength(5);
    expect(skb.truesize).toBe(256 + 5 * 2048);
    expect(checkPattern(skbBytes(skb), 0, TEST_CID, 0, 5 * 1448)).toBe(-1);
    const res = rowsOf(r, C_NAPI_GRO_RECEIVE).map((x) => x.a);
    expect(res).toEqual([GRO_HELD, GRO_MERGED_FREE, GRO_MERGED_FREE, GRO_MERGED_FREE, GRO_MERGED_FREE]);
  });

  it('flushes at a PSH segment, which merges first', () => {
    const r = burst(
      segs([
        { seq: 0, len: 1448 },
        { seq: 1448, len: 1448 },
        { seq: 2896, len: 1448, flags: TCP_ACK | TCP_PSH },
        { seq: 4344, len: 1448 },
        { seq: 5792, len: 1448 },
      ]),
    );
    expect(shape(r)).toEqual([
      [0, 3 * 1448, 3],
      [4344, 2 * 1448, 2],
    ]);
    expect(reasons(r)[0]).toBe(FLUSH_FLAGS);
    expect(r.delivered[0]!.tcpFlags & TCP_PSH).toBe(TCP_PSH);
  });

  it('flushes the held skb at a gap and holds the later segment on its own', () => {
    const r = burst(
      segs([
        { seq: 0, len: 1448 },
        { seq: 1448, len: 1448 },
        { seq: 4344, len: 1448 },
        { seq: 5792, len: 1448 },
      ]),
    );
    expect(shape(r)).toEqual([
      [0, 2896, 2],
      [4344, 2896, 2],
    ]);
    expect(reasons(r)).toEqual([FLUSH_NOT_CONTIGUOUS]);
  });

  it('stays under 64 KiB: 45 segments of 1448 fit, the 46th starts a new skb', () => {
    const r = burst(stream(50));
    expect(shape(r)).toEqual([
      [0, 45 * 1448, 45],
      [45 * 1448, 5 * 1448, 5],
    ]);
    expect(reasons(r)).toEqual([FLUSH_64K]);
  });

  it('ends the skb with a shorter last segment', () => {
    const r = burst(
      segs([
        { seq: 0, len: 1448 },
        { seq: 1448, len: 1000 },
        { seq: 2448, len: 1448 },
      ]),
    );
    expect(shape(r)).toEqual([
      [0, 2448, 2],
      [2448, 1448, 1],
    ]);
    expect(reasons(r)).toEqual([FLUSH_SHORT]);
  });

  it('does not merge a segment longer than the first (mss)', () => {
    const r = burst(
      segs([
        { seq: 0, len: 1000 },
        { seq: 1000, len: 1448 },
      ]),
    );
    expect(shape(r)).toEqual([
      [0, 1000, 1],
      [1000, 1448, 1],
    ]);
    expect(reasons(r)).toEqual([FLUSH_OVER_MSS]);
  });

  it('flushes when the ack or the window changes', () => {
    const ack = burst(
      segs([
        { seq: 0, len: 1448, ack: 1 },
        { seq: 1448, len: 1448, ack: 500 },
      ]),
    );
    expect(reasons(ack)).toEqual([FLUSH_ACK_WINDOW]);
    expect(ack.delivered).toHaveLength(2);
    const win = burst(
      segs([
        { seq: 0, len: 1448, window: 500 },
        { seq: 1448, len: 1448, window: 501 },
      ]),
    );
    expect(reasons(win)).toEqual([FLUSH_ACK_WINDOW]);
  });

  it('flushes when the TCP options differ (a new timestamp)', () => {
    const r = burst(
      segs([
        { seq: 0, len: 1448, tsval: 1 },
        { seq: 1448, len: 1448, tsval: 2 },
      ]),
    );
    expect(reasons(r)).toEqual([FLUSH_OPTIONS]);
  });

  it('accepts a fixed or an incrementing IP ID, not a jump', () => {
    const fixed = burst([0, 1, 2].map((i) => seg({ seq: i * 1448, len: 1448, ipId: 9 })));
    expect(shape(fixed)).toEqual([[0, 3 * 1448, 3]]);
    const jump = burst([0, 1, 2].map((i) => seg({ seq: i * 1448, len: 1448, ipId: [5, 6, 50][i] })));
    expect(reasons(jump)).toEqual([FLUSH_IP]);
    expect(shape(jump)).toEqual([
      [0, 2896, 2],
      [2896, 1448, 1],
    ]);
    const ttl = burst([seg({ seq: 0, len: 1448, ipId: 0 }), seg({ seq: 1448, len: 1448, ipId: 1, ttl: 3 })]);
    expect(reasons(ttl)).toEqual([FLUSH_IP]);
  });

  it('passes a pure ACK straight up', () => {
    const r = burst(segs([{ seq: 0, len: 0 }]));
    expect(rowsOf(r, C_NAPI_GRO_RECEIVE).map((x) => x.a)).toEqual([GRO_NORMAL]);
    expect(shape(r)).toEqual([[0, 0, 1]]);
  });

  it('with GRO off, hands every segment up alone', () => {
    const r = burst(stream(5), (s) => (s.softirq.gro = false));
    expect(r.delivered).toHaveLength(5);
    expect(counter(r.sim, 'gro.merged')).toBe(0);
    expect(counter(r.sim, 'gro.skbs')).toBe(5);
    expect(rowsOf(r, C_NAPI_GRO_RECEIVE).every((x) => x.a === GRO_NORMAL)).toBe(true);
  });
});

describe('GRO buckets', () => {
  it('holds at most MAX_GRO_SKBS (8) per bucket and flushes the oldest', () => {
    // Nine flows (source ports) that share a bucket.
    const bucketOf = (sport: number) =>
      groBucket({ h: readRxHeaders(seg({ seq: 0, len: 1, sport })) } as RxSkb);
    const want = bucketOf(20000);
    const ports: number[] = [];
    for (let p = 20000; ports.length < 9; p++) if (bucketOf(p) === want) ports.push(p);
    const r = burst(ports.map((sport) => seg({ seq: 0, len: 1448, sport })));
    const oldest = rowsOf(r, C_GRO_FLUSH_OLDEST);
    expect(oldest).toHaveLength(1);
    expect(oldest[0]!.a).toBe(want);
    // The first flow's skb went up first.
    expect(r.delivered[0]!.frameIds[0]).toBe(Math.min(...r.delivered.map((s) => s.frameIds[0]!)));
    expect(r.delivered).toHaveLength(9);
  });
});

describe('gro_normal_one batching', () => {
  it('passes rx_list up every gro_normal_batch (8) segments, the rest at napi_complete_done', () => {
    const r = burst(stream(20), (s) => (s.softirq.gro = false));
    expect(rowsOf(r, C_GRO_NORMAL_LIST).map((x) => [x.a, x.b])).toEqual([
      [8, 8],
      [8, 8],
      [4, 4],
    ]);
  });

  it('counts segments, not skbs: one merged skb of 10 segments goes up at once', () => {
    const r = burst([...stream(10), seg({ seq: 10 * 1448, len: 1448, ipId: 10, flags: TCP_ACK | TCP_PSH })]);
    const lists = rowsOf(r, C_GRO_NORMAL_LIST);
    expect(lists[0]).toEqual(expect.objectContaining({ a: 1, b: 11 }));
  });
});
