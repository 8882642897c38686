/** The results against the targets, as rows of a table (printed) and as JSON (written). */
import type { BundleSize } from './build';
import type { LoadResult, PlayResult, SeekResult, Window } from './measure';

export const TARGETS = {
  /** One 60 Hz frame. */
  frameP95Ms: 16.7,
  /** The RAIL model's long task. */
  taskMs: 50,
  firstPictureMs: 1000,
  jsGzipBytes: 300_000,
};

/**
 * rAF deltas follow the display's vsync: at 60 Hz they are 16.67 ms give or take the
 * timer's jitter (±0.1 ms), so a p95 of 16.8 ms is a steady 60 fps, not a miss. A dropped
 * frame shows as 33 ms.
 */
const VSYNC_JITTER_MS = 0.15;

export interface Row {
  metric: string;
  value: string;
  target: string;
  /** null: reported, no target. */
  met: boolean | null;
}

const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const task = (w: Window) => (w.longestTaskMs === 0 ? 'none > 50 ms' : ms(w.longestTaskMs));
const taskNote = (w: Window) =>
  w.longestLoafMs > 0 ? ` (LoAF ${ms(w.longestLoafMs)}${w.worstLoaf ? `: ${w.worstLoaf}` : ''})` : '';

function taskRow(metric: string, w: Window): Row {
  return {
    metric,
    value: task(w) + taskNote(w),
    target: `≤ ${TARGETS.taskMs} ms`,
    met: w.longestTaskMs <= TARGETS.taskMs,
  };
}

export function rows(
  loads: LoadResult[],
  plays: PlayResult[],
  seeks: SeekResult[],
  bundle: BundleSize | null,
): Row[] {
  const out: Row[] = [];
  for (const l of loads) {
    if (l.from === 'navigation') {
      out.push({
        metric: `first interactive picture, ${l.preset} (from navigation)`,
        value: ms(l.readyMs),
        target: `≤ ${TARGETS.firstPictureMs} ms`,
        met: l.readyMs <= TARGETS.firstPictureMs,
      });
    } else {
      out.push({
        metric: `load ${l.preset} (${l.totalSteps} steps; picker to picture)`,
        value: `${(l.readyMs / 1000).toFixed(1)} s`,
        target: '—',
        met: null,
      });
    }
    out.push(taskRow(`longest task loading ${l.preset}`, l));
    out.push({
      metric: `frames while loading ${l.preset} (p50 / p95 / max)`,
      value: `${ms(l.frames.p50)} / ${ms(l.frames.p95)} / ${ms(l.frames.max)}`,
      target: '—',
      met: null,
    });
  }
  for (const p of plays) {
    const f = p.frames;
    const extra = [
      `p50 ${ms(f.p50)}, max ${ms(f.max)}, ${f.janky}/${f.frames} over 25 ms`,
      p.restarts > 0 ? `reset ${p.restarts}× at the end` : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push({
      metric: `frame p95, ${p.preset} at ${p.speed}/s (${p.playedS.toFixed(1)} s)`,
      value: `${ms(f.p95)} (${extra})`,
      target: `≤ ${TARGETS.frameP95Ms} ms`,
      met: f.frames > 0 && f.p95 <= TARGETS.frameP95Ms + VSYNC_JITTER_MS,
    });
    out.push(taskRow(`longest task playing ${p.preset} at ${p.speed}/s`, p));
  }
  for (const s of seeks) {
    out.push(taskRow(`longest task seeking ${s.preset}`, s));
    out.push({
      metric: `seek to shown, ${s.preset}`,
      value: s.actions.map((a) => `${a.action} ${ms(a.ms)}`).join(', '),
      target: '—',
      met: null,
    });
    for (const p of s.problems)
      out.push({ metric: `seek never shown, ${s.preset}`, value: p, target: 'shown', met: false });
  }
  if (bundle !== null) {
    out.push({
      metric: `JS gzipped (${bundle.js.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')})`,
      value: kb(bundle.jsGzip),
      target: `≤ ${kb(TARGETS.jsGzipBytes)}`,
      met: bundle.jsGzip <= TARGETS.jsGzipBytes,
    });
    out.push({ metric: 'CSS gzipped', value: kb(bundle.cssGzip), target: '—', met: null });
  }
  return out;
}

export function table(rs: readonly Row[]): string {
  const cells = rs.map((r) => [r.metric, r.value, r.target, r.met === null ? '' : r.met ? 'yes' : 'NO']);
  const head = ['metric', 'value', 'target', 'met'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(width[i]!)).join(' │ ');
  return [line(head), width.map((w) => '─'.repeat(w)).join('─┼─'), ...cells.map(line)].join('\n');
}

/** With --profile: the functions with the most self time in each window. */
export function hotReport(plays: readonly PlayResult[], seeks: readonly SeekResult[]): string {
  const windows = [
    ...plays.map((p) => ({ title: `playing ${p.preset} at ${p.speed}/s`, hot: p.hot, phases: p.phases })),
    ...seeks.map((s) => ({ title: `seeking ${s.preset}`, hot: s.hot, phases: s.phases })),
  ];
  return windows
    .map(
      ({ title, hot, phases }) =>
        `\nMain-thread self time, ${title}:\n${(hot ?? [])
          .map(
            (h) => `  ${h.ms.toFixed(0).padStart(6)} ms ${(h.share * 100).toFixed(1).padStart(5)} %  ${h.fn}`,
          )
          .join('\n')}\n  trace events (inclusive): ${(phases ?? [])
          .map((p) => `${p.event} ${p.ms.toFixed(0)} ms`)
          .join(', ')}`,
    )
    .join('\n')
    .concat('\n');
}
