/**
 * sim-core runs the same in Node and in a browser Web Worker: for each preset, the trace hash,
 * the row count, the summary JSON and the world restored (keyframe + replay) at chosen steps
 * are identical, and the page logs no console errors. The browser side is a real module
 * worker started by fixtures/page.ts; the Node side calls the same probe in this process.
 */
import { expect, test } from '@playwright/test';
import { probe } from './fixtures/probe';
import type { ProbeWindow } from './fixtures/protocol';
import { planSteps } from './steps';

const PRESETS = ['write-4k-incapsule', 'write-128k-r2t', 'out-of-order', 'header-split'];

for (const presetId of PRESETS) {
  test(`${presetId}: Node and a Chromium worker agree`, async ({ page, browser }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`page console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('worker', (w) => {
      w.on('console', (m) => {
        if (m.type() === 'error') errors.push(`worker console: ${m.text()}`);
      });
    });

    const workerStarted = page.waitForEvent('worker');
    await page.goto('/');
    const worker = await workerStarted;
    expect(new URL(worker.url()).pathname).toBe('/sim-worker.js');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');

    const plan = planSteps(presetId);
    expect(plan.steps).toContain(plan.rows - 1);
    expect(plan.steps.length).toBeGreaterThanOrEqual(4);

    const node = probe({ presetId, steps: plan.steps });
    const reply = await page.evaluate((req) => (window as unknown as ProbeWindow).rxpathProbe(req), {
      presetId,
      steps: plan.steps,
    });
    if (!reply.ok) throw new Error(`worker failed: ${reply.error}`);
    const web = reply.result;

    // It ran inside a dedicated worker, not on the page's main thread.
    expect(reply.env.isWorker).toBe(true);
    expect(reply.env.hasDocument).toBe(false);

    expect(node.events).toBe(plan.rows);
    expect(web.traceHash).toBe(node.traceHash);
    expect(web.events).toBe(node.events);
    expect(web.summaryJson).toBe(node.summaryJson);
    expect(web.keyframeSteps).toEqual(node.keyframeSteps);
    expect(web.finalDigest).toBe(node.finalDigest);
    expect(web.digests).toEqual(node.digests);
    // Every row advances the world, so distinct steps must have distinct digests.
    expect(new Set(Object.values(node.digests)).size).toBe(plan.steps.length);

    const timing =
      `${presetId}: ${plan.rows} rows, steps ${plan.steps.join(',')} (mid-event in the ${plan.bigEvent.rows}-row ` +
      `event at ${plan.bigEvent.first}, keyframe ${plan.keyframe}); simulate ms node ${node.simulateMs.toFixed(0)} / ` +
      `chromium ${web.simulateMs.toFixed(0)}, restores ms node ${node.restoreMs.toFixed(0)} / ` +
      `chromium ${web.restoreMs.toFixed(0)}; Chromium ${browser.version()}`;
    test.info().annotations.push({ type: 'timing', description: timing });
    console.log(timing);
    expect(errors).toEqual([]);
  });
}
