/**
 * A small deterministic layered layout for a chart graph (chart-model.ts): a pure function from
 * the graph to boxes and SVG paths, computed once per machine.
 *
 * 1. Cycles are broken by a depth-first walk from the initial state (definition order): an edge
 *    to a state still on the walk's stack is a back edge.
 * 2. Layers: longest path from the initial state over the remaining edges, so the usual flow
 *    reads top to bottom.
 * 3. Fold: a long machine is cut in two columns, down the left and up the right (a U), so a
 *    life cycle (FREE … COMPLETED → FREE) closes at the top and the chart fits a side column.
 * 4. Order within a layer: barycentre of the neighbours in the layer before, then which side
 *    the node's long edges leave from, then definition order.
 * 5. Edges: to the next layer in the same column, a curve; across the fold, a curve; anything
 *    longer (and every back edge) runs in a lane of a channel beside the columns, one lane per
 *    target (edges to the same state share it, like a bus), lanes packed by their row spans.
 *    Self-loops are a small loop on the box's corner.
 */
import type { ChartEdge, ChartGraph, ChartGroup } from './chart-model';

export interface LayoutOptions {
  /** Font size of the state names, in layout units. */
  font: number;
  /** A name longer than this is wrapped after an underscore. */
  maxChars: number;
  /** More layers than this are folded into two columns. */
  foldAbove: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { font: 13, maxChars: 18, foldAbove: 6 };

export interface NodeBox {
  key: string;
  short: string;
  description: string;
  index: number;
  lines: string[];
  layer: number;
  col: number;
  row: number;
  /** Top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Channel = 'left' | 'mid' | 'right';

export interface EdgePath extends ChartEdge {
  kind: 'next' | 'fold' | 'lane' | 'self';
  /** Drawn against the layers' direction (from the walk's back edges). */
  back: boolean;
  channel: Channel | null;
  d: string;
  /**
   * Where the event name goes when the edge is lit: the centre of its tag, or its left end
   * when `anchor` is 'start' (beside a short arrow, not over it).
   */
  label: { x: number; y: number; anchor: 'start' | 'middle' };
}

export interface ChartLayout {
  id: string;
  initial: string;
  width: number;
  height: number;
  font: number;
  lineHeight: number;
  columns: number;
  rows: number;
  nodes: NodeBox[];
  edges: EdgePath[];
  groups: ChartGroup[];
}

/** Splits a name after underscores into lines of at most `max` characters (a longer word stays whole). */
export function wrapName(name: string, max: number): string[] {
  if (name.length <= max) return [name];
  const words = name.split(/(?<=_)/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur !== '' && cur.length + w.length > max) {
      lines.push(cur);
      cur = w;
    } else cur += w;
  }
  if (cur !== '') lines.push(cur);
  return lines;
}

const PAD_X = 7;
const PAD_Y = 5;
const ROW_GAP = 22;
const NODE_GAP = 10;
const LANE = 7;
const CHANNEL_MARGIN = 10;
const MARGIN = 6;
const CORNER = 5;

export function layoutGraph(graph: ChartGraph, opts: LayoutOptions = DEFAULT_LAYOUT): ChartLayout {
  const charW = opts.font * 0.6;
  const lineHeight = Math.round(opts.font * 1.25);
  const keys = graph.states.map((s) => s.key);
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  const idx = (k: string): number => indexOf.get(k) ?? 0;
  const real = graph.edges.filter((e) => e.from !== e.to);

  // 1. Back edges: a depth-first walk in definition order.
  const back = new Set<string>();
  const mark = new Map<string, 1 | 2>();
  const out = (k: string) => real.filter((e) => e.from === k);
  const walk = (k: string): void => {
    mark.set(k, 1);
    for (const e of out(k)) {
      const m = mark.get(e.to);
      if (m === 1) back.add(e.id);
      else if (m === undefined) walk(e.to);
    }
    mark.set(k, 2);
  };
  walk(graph.initial);
  for (const k of keys) if (!mark.has(k)) walk(k);

  // 2. Longest-path layers over the acyclic rest (repeated relaxation: at most |V| rounds).
  const layer = new Map(keys.map((k) => [k, 0]));
  const dag = real.filter((e) => !back.has(e.id));
  for (let round = 0; round < keys.length; round++) {
    let changed = false;
    for (const e of dag) {
      const want = (layer.get(e.from) ?? 0) + 1;
      if ((layer.get(e.to) ?? 0) < want) {
        layer.set(e.to, want);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const layerCount = Math.max(...keys.map((k) => layer.get(k) ?? 0)) + 1;

  // 3. Fold into columns (boustrophedon: even columns go down, odd ones up).
  const columns = layerCount > opts.foldAbove ? 2 : 1;
  const rows = Math.ceil(layerCount / columns);
  const colOf = (l: number) => Math.floor(l / rows);
  const rowOf = (l: number) => (colOf(l) % 2 === 0 ? l % rows : rows - 1 - (l % rows));
  const L = (k: string) => layer.get(k) ?? 0;

  // Edge kinds and channels depend on layers only, so they are known before ordering.
  const kindOf = (e: ChartEdge): { kind: EdgePath['kind']; channel: Channel | null } => {
    if (e.from === e.to) return { kind: 'self', channel: null };
    const fl = L(e.from);
    const tl = L(e.to);
    const fc = colOf(fl);
    const tc = colOf(tl);
    if (!back.has(e.id) && tl === fl + 1) return { kind: fc === tc ? 'next' : 'fold', channel: null };
    if (fc !== tc) return { kind: 'lane', channel: 'mid' };
    if (columns === 1) return { kind: 'lane', channel: back.has(e.id) ? 'left' : 'right' };
    return { kind: 'lane', channel: fc === 0 ? 'left' : 'right' };
  };
  /** Which side of a node in column `col` faces a channel. */
  const sideOf = (ch: Channel, col: number): 'left' | 'right' =>
    ch === 'left' ? 'left' : ch === 'right' ? 'right' : col === 0 ? 'right' : 'left';
  const sideScore = new Map(keys.map((k) => [k, 0]));
  for (const e of graph.edges) {
    const { channel } = kindOf(e);
    if (channel === null) continue;
    for (const k of [e.from, e.to]) {
      const s = sideOf(channel, colOf(L(k)));
      sideScore.set(k, (sideScore.get(k) ?? 0) + (s === 'right' ? 1 : -1));
    }
  }

  // 4. Order within layers.
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const k of keys) layers[L(k)]?.push(k);
  const pos = new Map<string, number>();
  const setPos = () => {
    for (const ly of layers)
      ly.forEach((k, i) => {
        pos.set(k, i);
      });
  };
  setPos();
  const neighbours = (k: string, other: number): string[] =>
    real.flatMap((e) => {
      if (e.from === k && L(e.to) === other) return [e.to];
      if (e.to === k && L(e.from) === other) return [e.from];
      return [];
    });
  const sweep = (l: number, other: number) => {
    const ly = layers[l];
    if (ly === undefined || ly.length < 2) return;
    const bary = new Map(
      ly.map((k) => {
        const ns = neighbours(k, other);
        const b =
          ns.length === 0 ? (pos.get(k) ?? 0) : ns.reduce((s, n) => s + (pos.get(n) ?? 0), 0) / ns.length;
        return [k, b];
      }),
    );
    ly.sort(
      (a, b) =>
        (bary.get(a) ?? 0) - (bary.get(b) ?? 0) ||
        (sideScore.get(a) ?? 0) - (sideScore.get(b) ?? 0) ||
        idx(a) - idx(b),
    );
    ly.forEach((k, i) => {
      pos.set(k, i);
    });
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let l = 1; l < layerCount; l++) sweep(l, l - 1);
    for (let l = layerCount - 2; l >= 0; l--) sweep(l, l + 1);
  }

  // Sizes.
  const stateOf = new Map(graph.states.map((s) => [s.key, s]));
  const boxes = new Map<string, NodeBox>();
  for (const k of keys) {
    const s = stateOf.get(k);
    // Boxes sharing a layer wrap sooner, so a crowded layer does not widen the whole column.
    const crowd = layers[L(k)]?.length ?? 1;
    const max = crowd > 1 ? Math.max(10, Math.floor((opts.maxChars * 2) / (crowd + 1))) : opts.maxChars;
    const lines = wrapName(s?.short ?? k, max);
    const longest = Math.max(...lines.map((l) => l.length));
    boxes.set(k, {
      key: k,
      short: s?.short ?? k,
      description: s?.description ?? '',
      index: idx(k),
      lines,
      layer: L(k),
      col: colOf(L(k)),
      row: rowOf(L(k)),
      x: 0,
      y: 0,
      w: Math.ceil(longest * charW + 2 * PAD_X),
      h: lines.length * lineHeight + 2 * PAD_Y,
    });
  }
  const box = (k: string): NodeBox => {
    const b = boxes.get(k);
    if (b === undefined) throw new Error(`layout: no state ${k}`);
    return b;
  };

  // Lanes: one bundle per (channel, target); greedy packing by row span, shortest first.
  interface Bundle {
    channel: Channel;
    to: string;
    lo: number;
    hi: number;
    lane: number;
  }
  const bundles = new Map<string, Bundle>();
  for (const e of graph.edges) {
    const { kind, channel } = kindOf(e);
    if (kind !== 'lane' || channel === null) continue;
    const bk = `${channel}\u0000${e.to}`;
    const fr = box(e.from).row;
    const tr = box(e.to).row;
    const b = bundles.get(bk) ?? { channel, to: e.to, lo: tr, hi: tr, lane: -1 };
    b.lo = Math.min(b.lo, fr);
    b.hi = Math.max(b.hi, fr);
    bundles.set(bk, b);
  }
  const laneCount: Record<Channel, number> = { left: 0, mid: 0, right: 0 };
  for (const ch of ['left', 'mid', 'right'] as const) {
    const list = [...bundles.values()]
      .filter((b) => b.channel === ch)
      .sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || idx(a.to) - idx(b.to));
    const used: Bundle[][] = [];
    for (const b of list) {
      let lane = used.findIndex((ls) => ls.every((o) => o.hi < b.lo || o.lo > b.hi));
      if (lane < 0) {
        lane = used.length;
        used.push([]);
      }
      used[lane]?.push(b);
      b.lane = lane;
    }
    laneCount[ch] = used.length;
  }

  // Column widths and x positions.
  const layerWidth = (ly: string[]) =>
    ly.reduce((s, k) => s + box(k).w, 0) + NODE_GAP * Math.max(0, ly.length - 1);
  const colW = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...layers.filter((_, l) => colOf(l) === c).map(layerWidth)),
  );
  const channelW = (ch: Channel) =>
    laneCount[ch] === 0 ? (ch === 'mid' ? 3 * NODE_GAP : MARGIN) : CHANNEL_MARGIN + laneCount[ch] * LANE;
  const leftW = channelW('left') + (laneCount.left > 0 ? MARGIN : 0);
  const colX = [leftW];
  if (columns === 2)
    colX.push(leftW + (colW[0] ?? 0) + channelW('mid') + CHANNEL_MARGIN * Number(laneCount.mid > 0));
  const lastCol = columns - 1;
  const rightStart = (colX[lastCol] ?? 0) + (colW[lastCol] ?? 0);
  const width = Math.ceil(rightStart + channelW('right') + (laneCount.right > 0 ? MARGIN : 0));
  const midStart = (colX[0] ?? 0) + (colW[0] ?? 0);
  const laneX = (ch: Channel, lane: number): number => {
    if (ch === 'left') return (colX[0] ?? 0) - CHANNEL_MARGIN - lane * LANE;
    if (ch === 'mid') return midStart + CHANNEL_MARGIN + lane * LANE;
    return rightStart + CHANNEL_MARGIN + lane * LANE;
  };

  // Rows: each as tall as its tallest box.
  const rowH = Array.from({ length: rows }, (_, r) =>
    Math.max(0, ...keys.filter((k) => box(k).row === r).map((k) => box(k).h)),
  );
  const rowY: number[] = [];
  const loopOnTop = graph.edges.some((e) => e.from === e.to && box(e.from).row === 0);
  let y = MARGIN + (loopOnTop ? 14 : 2); // room for a self-loop above the first row
  for (let r = 0; r < rows; r++) {
    rowY.push(y);
    y += (rowH[r] ?? 0) + ROW_GAP;
  }
  // A fold edge runs along the bottom row: its label goes under it.
  const foldAtBottom = graph.edges.some((e) => kindOf(e).kind === 'fold');
  const height = Math.ceil(y - ROW_GAP + MARGIN + (foldAtBottom ? lineHeight : 0));

  layers.forEach((ly, l) => {
    const c = colOf(l);
    let x = (colX[c] ?? 0) + ((colW[c] ?? 0) - layerWidth(ly)) / 2;
    for (const k of ly) {
      const b = box(k);
      b.x = Math.round(x);
      b.y = Math.round((rowY[b.row] ?? 0) + ((rowH[b.row] ?? 0) - b.h) / 2);
      x += b.w + NODE_GAP;
    }
  });

  // Ports. A node reaches a channel from its side when no neighbour in its layer is in the way,
  // else through the gap under (leaving) or over (arriving) its row.
  const outermost = (k: string, side: 'left' | 'right'): boolean => {
    const ly = layers[L(k)] ?? [];
    return side === 'left' ? ly[0] === k : ly[ly.length - 1] === k;
  };
  const laneUse = new Map<string, { ins: number; outs: number }>();
  for (const e of graph.edges) {
    const { channel } = kindOf(e);
    if (channel === null) continue;
    for (const [k, dir] of [
      [e.from, 'outs'],
      [e.to, 'ins'],
    ] as const) {
      const s = sideOf(channel, box(k).col);
      const u = laneUse.get(`${k}\u0000${s}`) ?? { ins: 0, outs: 0 };
      u[dir]++;
      laneUse.set(`${k}\u0000${s}`, u);
    }
  }
  const sideY = (b: NodeBox, side: 'left' | 'right', dir: 'in' | 'out'): number => {
    const u = laneUse.get(`${b.key}\u0000${side}`);
    const both = u !== undefined && u.ins > 0 && u.outs > 0;
    const off = both ? Math.min(5, b.h / 4) : 0;
    return b.y + b.h / 2 + (dir === 'in' ? -off : off);
  };

  // Spread the ends of 'next' edges that share a box's top or bottom.
  const ends = new Map<string, string[]>();
  const nextEdges = graph.edges.filter((e) => kindOf(e).kind === 'next');
  for (const e of nextEdges) {
    for (const k of [`${e.from}\u0000out`, `${e.to}\u0000in`]) ends.set(k, [...(ends.get(k) ?? []), e.id]);
  }
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const spread = (b: NodeBox, dir: 'in' | 'out', id: string): number => {
    const ids = ends.get(`${b.key}\u0000${dir}`) ?? [id];
    const other = (eid: string) => {
      const e = edgeById.get(eid);
      return e === undefined ? b : box(dir === 'out' ? e.to : e.from);
    };
    const sorted = [...ids].sort((a, c) => other(a).x - other(c).x || a.localeCompare(c));
    const i = sorted.indexOf(id);
    const step = Math.min(16, b.w / (sorted.length + 1));
    return b.x + b.w / 2 + (i - (sorted.length - 1) / 2) * step;
  };

  const edges: EdgePath[] = graph.edges.map((e) => {
    const { kind, channel } = kindOf(e);
    const f = box(e.from);
    const t = box(e.to);
    const isBack = back.has(e.id);
    if (kind === 'self') {
      // A loop on the top edge, right of the middle (where arrows to the next row leave).
      const x0 = f.x + f.w - Math.min(30, f.w / 2 - 4);
      const x1 = f.x + f.w - 8;
      return {
        ...e,
        kind,
        back: false,
        channel,
        d: `M${r(x0)},${f.y} C${r(x0 - 2)},${f.y - 18} ${r(x1 + 2)},${f.y - 18} ${r(x1)},${f.y}`,
        label: { x: x1 + 6, y: f.y - 12, anchor: 'start' },
      };
    }
    if (kind === 'next') {
      const down = t.row > f.row;
      const sx = spread(f, 'out', e.id);
      const tx = spread(t, 'in', e.id);
      const sy = down ? f.y + f.h : f.y;
      const ty = down ? t.y : t.y + t.h;
      const my = (sy + ty) / 2;
      return {
        ...e,
        kind,
        back: isBack,
        channel,
        d: `M${r(sx)},${r(sy)} C${r(sx)},${r(my)} ${r(tx)},${r(my)} ${r(tx)},${r(ty)}`,
        label: { x: Math.max(sx, tx) + 6, y: my, anchor: 'start' },
      };
    }
    if (kind === 'fold') {
      const right = t.x > f.x;
      const sx = right ? f.x + f.w : f.x;
      const tx = right ? t.x : t.x + t.w;
      const sy = f.y + f.h / 2;
      const ty = t.y + t.h / 2;
      const mx = (sx + tx) / 2;
      return {
        ...e,
        kind,
        back: isBack,
        channel,
        d: `M${r(sx)},${r(sy)} C${r(mx)},${r(sy)} ${r(mx)},${r(ty)} ${r(tx)},${r(ty)}`,
        label: { x: mx, y: Math.max(f.y + f.h, t.y + t.h) + lineHeight * 0.8, anchor: 'middle' },
      };
    }
    // A lane edge.
    const ch = channel ?? 'right';
    const bundle = bundles.get(`${ch}\u0000${e.to}`);
    const lx = laneX(ch, bundle?.lane ?? 0);
    const pts: [number, number][] = [];
    const fs = sideOf(ch, f.col);
    const ts = sideOf(ch, t.col);
    if (outermost(e.from, fs)) {
      pts.push([fs === 'right' ? f.x + f.w : f.x, sideY(f, fs, 'out')]);
    } else {
      const gy = rowY[f.row]! + (rowH[f.row] ?? 0) + ROW_GAP / 2;
      pts.push(
        [f.x + f.w / 2 + (fs === 'right' ? 6 : -6), f.y + f.h],
        [f.x + f.w / 2 + (fs === 'right' ? 6 : -6), gy],
      );
    }
    const sy = pts[pts.length - 1]![1];
    pts.push([lx, sy]);
    if (outermost(e.to, ts)) {
      const ty = sideY(t, ts, 'in');
      pts.push([lx, ty], [ts === 'right' ? t.x + t.w : t.x, ty]);
    } else {
      const gy = rowY[t.row]! - ROW_GAP / 2;
      const tx = t.x + t.w / 2 + (ts === 'right' ? 6 : -6);
      pts.push([lx, gy], [tx, gy], [tx, t.y]);
    }
    // The label sits in the row gap nearest the lane's middle, off the boxes' names.
    const ey = pts[pts.length - 1]![1];
    const mid = (sy + ey) / 2;
    const gaps = rowY
      .slice(1)
      .map((top) => top - ROW_GAP / 2)
      .filter((g) => g > Math.min(sy, ey) && g < Math.max(sy, ey));
    const ly = gaps.reduce(
      (best, g) => (Math.abs(g - mid) < Math.abs(best - mid) ? g : best),
      gaps[0] ?? mid,
    );
    return {
      ...e,
      kind,
      back: isBack,
      channel: ch,
      d: rounded(pts),
      label: { x: lx, y: ly, anchor: 'middle' },
    };
  });

  const nodes = keys.map(box);
  return {
    id: graph.id,
    initial: graph.initial,
    width,
    height,
    font: opts.font,
    lineHeight,
    columns,
    rows,
    nodes,
    edges,
    groups: graph.groups,
  };
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An orthogonal polyline with rounded corners, as an SVG path. */
function rounded(points: [number, number][]): string {
  const pts = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
  const first = pts[0];
  if (first === undefined) return '';
  let d = `M${r(first[0])},${r(first[1])}`;
  for (let i = 1; i < pts.length; i++) {
    const [x, y] = pts[i]!;
    const next = pts[i + 1];
    if (next === undefined) {
      d += ` L${r(x)},${r(y)}`;
      break;
    }
    const [px, py] = pts[i - 1]!;
    const inLen = Math.hypot(x - px, y - py);
    const outLen = Math.hypot(next[0] - x, next[1] - y);
    const c = Math.min(CORNER, inLen / 2, outLen / 2);
    const ax = x - (c * (x - px)) / (inLen || 1);
    const ay = y - (c * (y - py)) / (inLen || 1);
    const bx = x + (c * (next[0] - x)) / (outLen || 1);
    const by = y + (c * (next[1] - y)) / (outLen || 1);
    d += ` L${r(ax)},${r(ay)} Q${r(x)},${r(y)} ${r(bx)},${r(by)}`;
  }
  return d;
}
