/**
 * Guards the bundle split (issue 3: JS at most 300 KB gzipped). The page's main thread must not
 * carry the simulation: app/ files take sim-core from sim-core/page.ts or specific modules, never
 * from sim-core's index or sim-core/view's index (they re-export setup.ts and every stage). The
 * worker runs the simulation but needs neither React nor zod (the page validates scenarios) nor
 * XState (it runs the nvmf machines from tables compiled from plain definitions).
 * esbuild walks the static import graph in well under a second; `new Worker(new URL(...))` is not
 * followed, so the page's graph stops at the worker's door.
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
    loader: { '.css': 'empty' },
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

/** sim-core files the page may import: the scenario library, code and machine tables, pure view helpers. */
const PAGE_SIM_CORE = [
  /^sim-core\/page\.ts$/,
  /^sim-core\/codebook\.ts$/,
  /^sim-core\/scenario\/(?!.*\.test\.ts$)/,
  /^sim-core\/[a-z/-]*\/([a-z-]+-)?codes\.ts$/,
  /^sim-core\/[a-z/-]*\/machines\.ts$/,
  /^sim-core\/[a-z/-]*\/machine-defs\.ts$/,
  /^sim-core\/spdk\/nvmf\/constants\.ts$/,
  /^sim-core\/view\/(types|inspect-types|row|scan|callstack|callstack-files|callstack-chains|callstack-table)\.ts$/,
];

describe('bundles', () => {
  it('the page imports no simulation logic from sim-core', async () => {
    const simCore = (await inputsOf('app/main.tsx')).filter((f) => f.startsWith('sim-core/'));
    // The graph does reach the code book and the scenario library (the check below is not vacuous).
    expect(simCore).toContain('sim-core/codebook.ts');
    expect(simCore).toContain('sim-core/scenario/parse.ts');
    // Not allowed means: import a specific module, or add a pure helper here if it truly is one.
    expect(simCore.filter((f) => !PAGE_SIM_CORE.some((re) => re.test(f)))).toEqual([]);
  });

  it('the worker carries neither React, zod nor XState', async () => {
    const inputs = await inputsOf('app/worker/worker.ts');
    expect(inputs).toContain('sim-core/setup.ts');
    expect(inputs).toContain('sim-core/spdk/nvmf/machine-defs.ts');
    expect(inputs.filter((f) => /node_modules\/(react|react-dom|zod|xstate)\//.test(f))).toEqual([]);
  });
});
