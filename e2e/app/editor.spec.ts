/**
 * The scenario editor in the page: every knob with its unit, range and default; an invalid value
 * explained next to its field with the schema's named error, and nothing runs until it is fixed;
 * Run re-simulates in the worker; faults; export to a JSON file that the CLI runs headless, and
 * import of it (and of a broken file, whose errors are named).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { presetScenario } from '../../sim-core';
import { collectErrors, openApp, position, showTab, stepOf } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const picker = (page: Page) => page.getByRole('combobox', { name: 'Scenario', exact: true });
const editor = (page: Page) => page.getByRole('region', { name: 'Scenario editor' });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run scenario' });

/** Runs the CLI on a file: exit code and stdout. */
function cli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['sim-core/cli.ts', file, '--json'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => done({ code: err === null ? 0 : Number(err.code ?? -1), stdout, stderr }),
    );
  });
}

test('every knob shows its unit, range and real default, grouped by stage', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await showTab(page, 'Scenario editor');
  const ed = editor(page);
  for (const stage of [
    'Wire',
    'Workload (the NVMe/TCP host)',
    'NIC (igb)',
    'CPU: softirq and NAPI',
    'CPU: cores and costs',
    'TCP (Linux)',
    'SPDK posix sock',
    'NVMe-oF target (SPDK nvmf TCP)',
    'Run',
    'Faults',
  ]) {
    await expect(ed.getByRole('group', { name: stage, exact: true })).toBeVisible();
  }
  const ring = ed.getByRole('textbox', { name: 'RX descriptors' });
  await expect(ring).toHaveValue('256');
  await expect(ring).toHaveAccessibleDescription(/80 – 4,096, multiple of 8\. Default 256\. IGB_DEFAULT_RXD/);
  const delack = ed.getByRole('textbox', { name: 'Delayed ACK' });
  await expect(delack).toHaveValue(String(presetScenario('write-4k-incapsule').tcp.delayedAckNs));
  await expect(delack).toHaveAccessibleDescription(/Default 40000000 ns \(40 ms\)/);
  // Booleans are checkboxes, choices are selects.
  await expect(ed.getByRole('checkbox', { name: 'GRO', exact: true })).toBeChecked();
  await expect(ed.getByRole('combobox', { name: 'CONFIG_HZ' })).toHaveValue('250');
  await expect(ed.getByRole('combobox', { name: 'RX buffer size' })).toHaveValue('0');
  // A preset's own value is shown beside the real default.
  await picker(page).selectOption('gro-off');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  await expect(ed.getByRole('checkbox', { name: 'GRO', exact: true })).not.toBeChecked();
  await expect(ed.getByRole('checkbox', { name: 'GRO', exact: true })).toHaveAccessibleDescription(
    /Default on, preset off/,
  );
  expect(errors).toEqual([]);
});

test('an invalid value is explained at its field and nothing runs until it is fixed; Run re-simulates', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const m1 = await openApp(page);
  await showTab(page, 'Scenario editor');
  const ed = editor(page);
  const ring = ed.getByRole('textbox', { name: 'RX descriptors' });
  await ring.fill('100');
  await expect(ring).toHaveAttribute('aria-invalid', 'true');
  await expect(ring).toHaveAccessibleDescription(
    /^nic\.rxRingSize = 100: must be a multiple of 8 between 80 and 4096/,
  );
  await expect(runButton(page)).toBeDisabled();
  await expect(ed.getByText('1 problem: fix it to run. Nothing runs until then.')).toBeVisible();
  // A cross-field rule (checked once every field is valid) names its own field.
  await ring.fill('512');
  await expect(ring).toHaveAttribute('aria-invalid', 'false');
  const qd = ed.getByRole('textbox', { name: 'Queue depth' });
  await qd.fill('64');
  await ed.getByRole('textbox', { name: 'max_queue_depth' }).fill('32');
  await expect(qd).toHaveAccessibleDescription(
    /workload\.queueDepth = 64: must be at most spdk\.maxQueueDepth \(32\)/,
  );
  await expect(runButton(page)).toBeDisabled();
  // Reset to preset brings every knob back.
  await ed.getByRole('button', { name: 'Reset to preset' }).click();
  await expect(ring).toHaveValue('256');
  await expect(qd).toHaveValue('1');
  await expect(qd).toHaveAttribute('aria-invalid', 'false');
  await expect(runButton(page)).toBeEnabled();
  // A valid edit runs in the worker: two writes make a longer run; the picker says it is edited.
  await ed.getByRole('textbox', { name: 'Write commands' }).fill('2');
  await expect(ed.getByText('Changed knobs are not running yet')).toBeVisible();
  await runButton(page).click();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  const m2 = (await stepOf(page)).m;
  expect(m2).toBeGreaterThan(m1);
  await expect(picker(page).locator('option:checked')).toHaveText(
    'A 4 KiB in-capsule write, end to end (edited)',
  );
  await expect(
    page.getByText(/write-4k-incapsule \(edited\): 1 knob changed from the preset \(workload\.writes\)/),
  ).toBeVisible();
  await expect(ed.getByRole('textbox', { name: 'Write commands' })).toHaveValue('2');
  // The page stays live after the run: stepping works.
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(position(page)).toHaveText(`Step 2 / ${m2}`);
  expect(errors).toEqual([]);
});

test('faults are edited by kind, with errors named on the fault', async ({ page }) => {
  await openApp(page);
  await showTab(page, 'Scenario editor');
  const ed = editor(page);
  await ed.getByRole('combobox', { name: 'New fault' }).selectOption('corrupt-field');
  await ed.getByRole('button', { name: 'Add fault' }).click();
  const pdu = ed.getByRole('textbox', { name: 'PDU', exact: true });
  await pdu.fill('9');
  await expect(pdu).toHaveAttribute('aria-invalid', 'true');
  await expect(pdu).toHaveAccessibleDescription(/^faults\[0\]\.pdu = 9: must be between 1 and 3/);
  await expect(runButton(page)).toBeDisabled();
  await pdu.fill('3');
  await ed.getByRole('combobox', { name: 'Field', exact: true }).selectOption('plen');
  await ed.getByRole('textbox', { name: 'Value', exact: true }).fill('100');
  await expect(runButton(page)).toBeEnabled();
  await runButton(page).click();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  await expect(picker(page).locator('option:checked')).toHaveText(/\(edited\)$/);
  await ed.getByRole('button', { name: 'Remove fault 1' }).click();
  await expect(ed.getByRole('textbox', { name: 'PDU', exact: true })).toHaveCount(0);
});

test('export writes a JSON file the CLI runs headless; importing it loads the same scenario', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  const dir = mkdtempSync(join(tmpdir(), 'rxpath-export-'));
  try {
    await openApp(page);
    await showTab(page, 'Scenario editor');
    const ed = editor(page);
    await ed.getByRole('textbox', { name: 'Write commands' }).fill('2');
    await ed.getByRole('textbox', { name: 'Seed', exact: true }).fill('7');
    await runButton(page).click();
    await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
    const m = (await stepOf(page)).m;

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ed.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('write-4k-incapsule-edited.json');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    // The same file runs headless, and the CLI's run is the page's run (same number of steps).
    const r = await cli(file);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.scenario).toBe('custom');
    expect(summary.seed).toBe(7);
    expect(summary.events).toBe(m);
    expect(summary.integrity.ok).toBe(true);
    expect(summary.integrity.payloadBytes).toBe(2 * 4096);

    // A fresh page imports it: same run, edited, same knobs.
    await openApp(page);
    await showTab(page, 'Scenario editor');
    await ed.getByLabel('Import JSON').setInputFiles(file);
    await expect(position(page)).toHaveText(`Step 1 / ${m}`, { timeout: 30_000 });
    await expect(picker(page).locator('option:checked')).toHaveText(/\(edited\)$/);
    await expect(ed.getByRole('textbox', { name: 'Write commands' })).toHaveValue('2');
    await expect(ed.getByRole('textbox', { name: 'Seed', exact: true })).toHaveValue('7');
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('importing an invalid file names its errors and loads nothing', async ({ page }) => {
  const m = await openApp(page);
  await showTab(page, 'Scenario editor');
  const s = presetScenario('write-4k-incapsule');
  const bad = { ...s, wire: { ...s.wire, mtu: 100_000 }, nic: { ...s.nic, rxRingSize: 81 } };
  await editor(page)
    .getByLabel('Import JSON')
    .setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
  const alert = page.getByRole('alert').filter({ hasText: 'bad.json' });
  await expect(alert).toContainText('could not be loaded (2 errors)');
  await expect(alert).toContainText('wire.mtu = 100000: must be an integer between 576 and 9216');
  await expect(alert).toContainText('nic.rxRingSize = 81: must be a multiple of 8 between 80 and 4096');
  await editor(page)
    .getByLabel('Import JSON')
    .setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{"wire": ') });
  await expect(page.getByRole('alert').filter({ hasText: 'notjson.json' })).toContainText('not valid JSON');
  // Nothing was loaded: still the default preset, unedited.
  await expect(position(page)).toHaveText(`Step 1 / ${m}`);
  await expect(picker(page)).toHaveValue('write-4k-incapsule');
});
