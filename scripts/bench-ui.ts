/**
 * npm run bench:ui — the visualizer's performance in real Chromium (a benchmark, not a test:
 * it reports and never fails on a miss). Builds the app into its own directory, serves it on a
 * free port, and measures with Playwright:
 *  - the time from navigation to the first interactive picture (figure drawn, Play enabled);
 *  - frame times (rAF deltas) while playing the default preset and 10g-sustained at the top
 *    speed and a teaching speed;
 *  - the longest main-thread task (longtask, long-animation-frame) while loading, playing and
 *    seeking (timeline drag, click far, End, Home);
 *  - the JS and CSS gzipped.
 * Prints a table against the targets and writes JSON.
 *
 * Options: --out <file.json> (default /tmp/bench-ui.json), --outDir <build dir> (default
 * /tmp/dist-bench-ui), --seconds <s> of playing per speed (5), --presets a,b (default preset
 * and 10g-sustained), --no-build (measure an existing build), --profile (an unminified build
 * and a CPU profile of the main thread while playing and seeking: the functions with the most
 * self time are printed under the table; the bundle size then is not the users').
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SPEED, SPEEDS } from '../app/store/speeds';
import { DEFAULT_PRESET_ID } from '../sim-core/scenario/presets/index';
import { launch } from './bench-ui/browser';
import { buildApp, bundleSize } from './bench-ui/build';
import {
  type LoadResult,
  loadFirst,
  loadPicked,
  type PlayResult,
  play,
  type SeekResult,
  seek,
} from './bench-ui/measure';
import { PROBE } from './bench-ui/probe';
import { hotReport, rows, TARGETS, table } from './bench-ui/report';
import { serve } from './bench-ui/serve';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/bench-ui.json' },
    outDir: { type: 'string', default: '/tmp/dist-bench-ui' },
    seconds: { type: 'string', default: '5' },
    presets: { type: 'string', default: `${DEFAULT_PRESET_ID},10g-sustained` },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

const outDir = resolve(values.outDir);
const seconds = Number(values.seconds);
const presets = values.presets.split(',').filter(Boolean);
const TOP = Math.max(...SPEEDS);
const TEACHING = DEFAULT_SPEED;
/** 10g-sustained simulates 11 M events in the worker: most of a minute on a small machine. */
const LOAD_TIMEOUT_MS = 300_000;

const log = (s: string) => process.stderr.write(`bench:ui: ${s}\n`);

async function main() {
  if (!values['no-build']) {
    log(`building into ${outDir}`);
    await buildApp(outDir, !values.profile);
  }
  const bundle = await bundleSize(outDir);
  const server = await serve(outDir);
  const { browser, which } = await launch();
  log(`serving ${server.url}, browser ${which}`);
  const loads: LoadResult[] = [];
  const plays: PlayResult[] = [];
  const seeks: SeekResult[] = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      // The page forbids eval (CSP); waitForFunction with an expression needs it.
      bypassCSP: true,
    });
    await page.addInitScript(PROBE);
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    for (const [i, id] of presets.entries()) {
      log(`loading ${id}`);
      // The first preset opens from navigation (the default one; any other is picked after it).
      if (i === 0 && id !== DEFAULT_PRESET_ID) await loadFirst(page, server.url, DEFAULT_PRESET_ID);
      const l =
        i === 0 && id === DEFAULT_PRESET_ID
          ? await loadFirst(page, server.url, id)
          : await loadPicked(page, id, LOAD_TIMEOUT_MS);
      loads.push(l);
      log(`  ready in ${l.readyMs.toFixed(0)} ms, ${l.totalSteps} steps`);
      for (const speed of [TOP, TEACHING]) {
        log(`playing ${id} at ${speed}/s`);
        plays.push(await play(page, id, speed, seconds, values.profile));
      }
      log(`seeking ${id}`);
      seeks.push(await seek(page, id, values.profile));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const rs = rows(loads, plays, seeks, bundle);
  process.stdout.write(`${table(rs)}\n`);
  if (values.profile) process.stdout.write(hotReport(plays, seeks));
  const json = {
    date: new Date().toISOString(),
    browser: which,
    note: 'Shared 2-core machine: other processes skew the numbers; compare runs on the same machine.',
    targets: TARGETS,
    bundle,
    loads,
    plays,
    seeks,
    rows: rs,
  };
  await writeFile(values.out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${values.out}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ui failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
