/**
 * The measurements, each over a window of page time: loading a preset, playing it at one
 * speed, and seeking with the timeline (drag, click far) and the End/Home keys. The page keeps
 * the samples (probe.ts); each window reads back the frames and the long tasks inside it.
 * Polling here (waitForTimeout between reads) is the benchmark's clock, not a test's sync.
 */
import type { CDPSession, Page } from 'playwright-core';
import { type Hot, type Phase, startProfile, startTrace, stopProfile, stopTrace } from './profile';
import { readyExpr } from './probe';
import { type FrameStats, frameStats, longest, within } from './stats';

interface Entry {
  start: number;
  duration: number;
}
interface Loaf extends Entry {
  blocking: number;
  script: string;
}

export interface Window {
  frames: FrameStats;
  /** Longest 'longtask' entry (0: none over 50 ms). */
  longestTaskMs: number;
  /** Longest 'long-animation-frame' entry (0: none over 50 ms) and what ran longest in it. */
  longestLoafMs: number;
  worstLoaf: string;
  /** With --profile: the main thread's functions with the most self time in the window. */
  hot?: Hot[];
  /** With --profile: the main thread's trace events with the most time (style, layout, paint…). */
  phases?: Phase[];
}

/** With --profile: a CPU profile and a timeline trace over one window. */
async function startProfiling(page: Page): Promise<CDPSession> {
  const browser = page.context().browser();
  if (browser !== null) await startTrace(browser, page);
  return startProfile(page);
}

async function stopProfiling(page: Page, cdp: CDPSession, w: Window): Promise<void> {
  w.hot = await stopProfile(cdp);
  const browser = page.context().browser();
  if (browser !== null) w.phases = await stopTrace(browser);
}

export interface LoadResult extends Window {
  preset: string;
  from: 'navigation' | 'picker';
  /** Navigation (or choosing the preset) to the picture drawn and Play enabled. */
  readyMs: number;
  totalSteps: number;
}

export interface PlayResult extends Window {
  preset: string;
  speed: number;
  /** Seconds of frames recorded while the phase read "Playing". */
  playedS: number;
  /** Times the preset reached its end and was reset to play on. */
  restarts: number;
}

export interface SeekResult extends Window {
  preset: string;
  /** Each action and the time until the status showed the step it asked for. */
  actions: { action: string; ms: number }[];
  /** Seeks that never showed their step (a bug to look at). */
  problems: string[];
}

const STATUS = `document.querySelector('.status .position')`;

async function now(page: Page): Promise<number> {
  return (await page.evaluate('performance.now()')) as number;
}

/** Starts recording frames (all of them, or only those while playing). */
async function record(page: Page, onlyPlaying: boolean): Promise<number> {
  return (await page.evaluate(
    `(() => { const b = window.__bench; b.frames = []; b.rec = true; b.onlyPlaying = ${onlyPlaying}; return performance.now(); })()`,
  )) as number;
}

async function windowSince(page: Page, from: number, to?: number): Promise<Window> {
  const b = (await page.evaluate(
    '(() => { const b = window.__bench; b.rec = false; return { frames: b.frames, tasks: b.tasks, loafs: b.loafs, now: performance.now() }; })()',
  )) as { frames: number[]; tasks: Entry[]; loafs: Loaf[]; now: number };
  const end = to ?? b.now;
  const loafs = within(b.loafs, from, end);
  const worst = loafs.reduce<Loaf | null>((w, l) => (w === null || l.duration > w.duration ? l : w), null);
  return {
    frames: frameStats(b.frames),
    longestTaskMs: longest(within(b.tasks, from, end)),
    longestLoafMs: longest(loafs),
    worstLoaf: worst === null ? '' : worst.script,
  };
}

/** "Step N / M" as numbers. */
async function position(page: Page): Promise<{ n: number; m: number }> {
  const text = (await page.evaluate(`${STATUS}?.textContent ?? ''`)) as string;
  const match = /^Step (\d+) \/ (\d+)$/.exec(text.trim());
  if (match === null) throw new Error(`status reads '${text}'`);
  return { n: Number(match[1]), m: Number(match[2]) };
}

/** Waits until the status shows step n (1-based) and returns the page time it did. */
async function untilStep(page: Page, n: number, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    `(() => { const t = ${STATUS}?.textContent ?? ''; return /^Step ${n} \\/ \\d+$/.test(t.trim()) && performance.now(); })()`,
    undefined,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

async function untilReady(page: Page, presetId: string, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(readyExpr(presetId), undefined, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as number;
}

/** Opens the page and waits for the default preset's picture. */
export async function loadFirst(page: Page, url: string, presetId: string): Promise<LoadResult> {
  await page.goto(url);
  const ready = await untilReady(page, presetId, 60_000);
  const w = await windowSince(page, 0, ready);
  return { preset: presetId, from: 'navigation', readyMs: ready, totalSteps: (await position(page)).m, ...w };
}

/** Chooses another preset in the Scenario picker and waits (up to timeout) for its picture. */
export async function loadPicked(page: Page, presetId: string, timeout: number): Promise<LoadResult> {
  const before = (await position(page)).m;
  const from = await record(page, false);
  await page.getByLabel('Scenario', { exact: true }).selectOption(presetId);
  // The previous preset's Play stays enabled for a moment: wait for the new total first.
  await page.waitForFunction(
    `(() => { const m = /\\/ (\\d+)$/.exec((${STATUS}?.textContent ?? '').trim()); return m !== null && Number(m[1]) !== ${before}; })()`,
    undefined,
    { polling: 250, timeout },
  );
  const ready = await untilReady(page, presetId, timeout);
  const w = await windowSince(page, from, ready);
  return {
    preset: presetId,
    from: 'picker',
    readyMs: ready - from,
    totalSteps: (await position(page)).m,
    ...w,
  };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Presses Play and waits for a frame showing "Playing" (a short preset at top speed plays for a few frames only). */
async function startPlaying(page: Page): Promise<void> {
  await page.evaluate('window.__bench.sawPlaying = false');
  await button(page, 'Play').click();
  await page.waitForFunction('window.__bench.sawPlaying', undefined, { polling: 'raf', timeout: 10_000 });
}

/** Plays at `speed` until `seconds` of playing frames are recorded (resetting at the end). */
export async function play(
  page: Page,
  presetId: string,
  speed: number,
  seconds: number,
  profile = false,
): Promise<PlayResult> {
  await page.getByLabel('Speed').selectOption(String(speed));
  const cdp = profile ? await startProfiling(page) : null;
  const from = await record(page, true);
  await startPlaying(page);
  let restarts = 0;
  const deadline = Date.now() + seconds * 4_000 + 20_000;
  for (;;) {
    const s = (await page.evaluate(
      "(() => ({ ms: window.__bench.frames.reduce((a, b) => a + b, 0), playing: document.querySelector('.phase-playing') !== null }))()",
    )) as { ms: number; playing: boolean };
    if (s.ms >= seconds * 1000 || Date.now() > deadline) break;
    if (!s.playing) {
      // At the end: start again from the first step (Reset is a seek, counted in this window).
      restarts++;
      await button(page, 'Reset').click();
      await untilStep(page, 1);
      await startPlaying(page);
    }
    await page.waitForTimeout(200);
  }
  const to = await now(page);
  const w = await windowSince(page, from, to);
  if (cdp !== null) await stopProfiling(page, cdp, w);
  if (await button(page, 'Pause').isVisible()) await button(page, 'Pause').click();
  await page.waitForSelector('.phase-paused', { timeout: 10_000 });
  return { preset: presetId, speed, playedS: w.frames.totalMs / 1000, restarts, ...w };
}

/** Drags the Timeline slider across, clicks far on it, then End and Home. */
export async function seek(page: Page, presetId: string, profile = false): Promise<SeekResult> {
  const { m } = await position(page);
  const slider = page.getByRole('slider', { name: 'Timeline', exact: true });
  const box = await slider.boundingBox();
  if (box === null) throw new Error('the Timeline slider is not visible');
  const y = box.y + box.height / 2;
  const actions: { action: string; ms: number }[] = [];
  const problems: string[] = [];
  /** Time until step n shows; a seek that never shows its step is reported, and the run goes on. */
  const timed = async (action: string, n: number, t: number) => {
    try {
      actions.push({ action, ms: (await untilStep(page, n, 20_000)) - t });
    } catch {
      const shows = await page.evaluate(`${STATUS}?.textContent`);
      problems.push(`${action}: asked for step ${n}, still shows '${shows}' after 20 s`);
      actions.push({ action, ms: Number.NaN });
    }
  };
  const cdp = profile ? await startProfiling(page) : null;
  const from = await record(page, false);

  // The drag's moves go one by one through the driver: time it from the release.
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 4 + ((box.width - 6) * i) / 20, y);
  let t = await now(page);
  await page.mouse.up();
  await timed('drag to the end (from release)', m, t);

  t = await now(page);
  await page.mouse.click(box.x + box.width * 0.1, y);
  // Until the status leaves the last step (the step asked for is not always readable from
  // the input: it follows the player, and the click's own value is gone by then).
  try {
    const handle = await page.waitForFunction(
      `(() => { const t = (${STATUS}?.textContent ?? '').trim(); return !/^Step ${m} \\//.test(t) && performance.now(); })()`,
      undefined,
      { polling: 'raf', timeout: 20_000 },
    );
    actions.push({ action: 'click at 10%', ms: ((await handle.jsonValue()) as number) - t });
  } catch {
    problems.push('click at 10%: the status still shows the last step after 20 s');
    actions.push({ action: 'click at 10%', ms: Number.NaN });
  }

  await page.evaluate('document.activeElement && document.activeElement.blur()');
  t = await now(page);
  await page.keyboard.press('End');
  await timed('End key', m, t);

  t = await now(page);
  await page.keyboard.press('Home');
  await timed('Home key', 1, t);

  const w = await windowSince(page, from);
  if (cdp !== null) await stopProfiling(page, cdp, w);
  return { preset: presetId, actions, problems, ...w };
}
