/**
 * An optional CPU profile of the page's main thread over a measurement window (Chrome's
 * sampling profiler through CDP), summarised as the functions with the most self time. Run on
 * an unminified build (--profile) so the names are the source's.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';

export interface Hot {
  fn: string;
  ms: number;
  share: number;
}

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * The rest of the main thread's time (the profiler's "(program)": style, layout, paint) by
 * Chrome trace event. Totals are inclusive: a forced layout inside a script counts in both.
 */
export interface Phase {
  event: string;
  ms: number;
}

const TIMELINE = 'devtools.timeline,disabled-by-default-devtools.timeline';

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: TIMELINE.split(',') });
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export async function stopTrace(browser: Browser, top = 10): Promise<Phase[]> {
  const buf = await browser.stopTracing();
  const parsed = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([event, ms]) => ({ event, ms }));
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** Stops the profile and returns the `top` functions by self time (idle excluded). */
export async function stopProfile(cdp: CDPSession, top = 12): Promise<Hot[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] };
  };
  await cdp.detach();
  const samples = profile.samples?.length ?? 0;
  if (samples === 0) return [];
  const perSample = (profile.endTime - profile.startTime) / 1000 / samples;
  const self = new Map<string, number>();
  let busy = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    const { functionName, url, lineNumber } = n.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    const file = url.split('/').pop() ?? '';
    const key = file === '' ? functionName : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + hits * perSample);
    busy += hits * perSample;
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms, share: busy > 0 ? ms / busy : 0 }));
}
