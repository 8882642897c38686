/**
 * What the benchmark adds to the page before the app's scripts run: a requestAnimationFrame
 * loop that records frame deltas from the start (loading counts), then while asked to (and,
 * if asked, only between two frames both showing the "Playing" phase), and
 * PerformanceObservers for 'longtask' and
 * 'long-animation-frame' entries. Kept as plain JavaScript source: functions passed to
 * page.evaluate are serialised, and a bundler's helpers (tsx names functions) would not
 * exist in the page.
 */
export const PROBE = `(() => {
  const b = { frames: [], tasks: [], loafs: [], rec: true, onlyPlaying: false, last: -1, lastPlaying: false };
  window.__bench = b;
  const tick = (t) => {
    const playing = document.querySelector('.phase-playing') !== null;
    if (b.rec && b.last >= 0 && (!b.onlyPlaying || (playing && b.lastPlaying))) b.frames.push(t - b.last);
    b.last = t;
    b.lastPlaying = playing;
    if (playing) b.sawPlaying = true;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const watch = (type, into, map) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) into.push(map(e));
      }).observe({ type, buffered: true });
    } catch (e) {
      b.unsupported = (b.unsupported || []).concat(type);
    }
  };
  watch('longtask', b.tasks, (e) => ({ start: e.startTime, duration: e.duration }));
  watch('long-animation-frame', b.loafs, (e) => {
    const s = (e.scripts || []).slice().sort((x, y) => y.duration - x.duration)[0];
    return {
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration || 0,
      script: s ? String(s.invoker || s.name).replace(location.origin, '') + ' ' + Math.round(s.duration) + ' ms' + (s.sourceFunctionName ? ' in ' + s.sourceFunctionName : '') : '',
    };
  });
})();`;

/** True when the picture is drawn, the Play button can be pressed and the Scenario picker shows id. */
export function readyExpr(presetId: string): string {
  return `(() => {
    const fig = document.querySelector('section.picture figure');
    if (fig === null || fig.getBoundingClientRect().height === 0) return false;
    const play = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Play');
    if (play === undefined || play.disabled) return false;
    const picker = [...document.querySelectorAll('select')].find((s) => s.labels && [...s.labels].some((l) => l.textContent.trim() === 'Scenario'));
    if (picker !== undefined && picker.value !== ${JSON.stringify(presetId)}) return false;
    return performance.now();
  })()`;
}
