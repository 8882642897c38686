/** Bad moments: a dead worker, a long load cancelled, a panel that throws. Never a blank page. */
import { expect, test } from '@playwright/test';
import { atStep, openApp, position, showTab } from './helpers';

test('a worker that dies is reported (alert) and the scenario can be reloaded', async ({ page }) => {
  const workers: import('@playwright/test').Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  await openApp(page);
  expect(workers.length).toBeGreaterThan(0);
  // An uncaught exception inside the worker: its 'error' event reaches the page.
  await workers[0]!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated worker failure');
    }, 0);
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The simulation worker stopped');
  await page.getByRole('button', { name: 'Reload scenario' }).click();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 2);
});

test('a long scenario shows progress and can be cancelled; another then loads', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('10g-sustained');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(page.getByText(/events, .* simulated/)).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Loading cancelled.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  await page.getByLabel('Scenario').selectOption('out-of-order');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/);
});

test('a panel that throws shows its message; the rest keeps working', async ({ page }) => {
  // Break the timeline's canvas drawing only.
  await page.addInitScript(() => {
    CanvasRenderingContext2D.prototype.fillRect = () => {
      throw new Error('canvas broke');
    };
  });
  await openApp(page);
  await expect(page.getByRole('alert')).toContainText('The timeline failed: canvas broke');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await atStep(page, 2);
  await showTab(page, 'Numbers');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('igb RX ring');
});
