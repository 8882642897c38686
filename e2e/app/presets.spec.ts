/** Every preset loads in the page with no console error, and shows its first step. */
import { expect, test } from '@playwright/test';
import { PRESETS } from '../../sim-core';
import { collectErrors, openApp, position } from './helpers';

/** The long one (11 M steps) loads in its own test: it takes most of a minute on a small machine. */
const LONG = '10g-sustained';

test('every preset but the long one loads with no console error', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page);
  const picker = page.getByLabel('Scenario');
  const options = await picker
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(PRESETS.map((p) => p.id));
  for (const p of PRESETS) {
    if (p.id === LONG) continue;
    await picker.selectOption(p.id);
    await expect(page.getByText(p.description)).toBeVisible();
    await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect(position(page)).toHaveText(/^Step 2 \/ \d+$/);
    expect(errors, p.id).toEqual([]);
  }
});

test(`${LONG} loads with progress, and steps`, async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption(LONG);
  await expect(page.getByRole('progressbar', { name: 'Simulation progress' })).toBeVisible();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d{8,}$/, { timeout: 140_000 });
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText(/^Step (\d{8,}) \/ \1$/, { timeout: 20_000 });
  expect(errors).toEqual([]);
});
