/** Playing, pausing, stepping both ways and seeking: the same step always shows the same thing. */
import { expect, test } from '@playwright/test';
import { atStep, collectErrors, openApp, position, shown, stepOf } from './helpers';

test('Play moves on, Pause stops', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Speed').selectOption('60');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const paused = await stepOf(page);
  await page.waitForTimeout(300);
  expect((await stepOf(page)).n).toBe(paused.n);
  expect(paused.n).toBeGreaterThan(5);
  expect(errors).toEqual([]);
});

test('stepping forward to N, back to N and seeking to N show exactly the same', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('write-128k-r2t');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/);
  const forward = page.getByRole('button', { name: 'Step forward', exact: true });
  const back = page.getByRole('button', { name: 'Step back', exact: true });

  // Quick clicks, not waiting for each view: the player keeps only the latest request.
  for (let i = 0; i < 40; i++) await forward.click();
  await atStep(page, 41);
  const there = await shown(page);

  for (let i = 0; i < 40; i++) await forward.click();
  await atStep(page, 81);
  for (let i = 0; i < 40; i++) await back.click();
  await atStep(page, 41);
  expect(await shown(page)).toBe(there);

  // Far away and back by the timeline (a restore from a keyframe, not a step).
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill('1500');
  await atStep(page, 1501);
  await timeline.fill('40');
  await atStep(page, 41);
  expect(await shown(page)).toBe(there);

  // Reset, then seek straight there.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await atStep(page, 1);
  await timeline.fill('40');
  await atStep(page, 41);
  expect(await shown(page)).toBe(there);
  expect(errors).toEqual([]);
});

test('stepping by packet and by PDU moves to the next frame or PDU', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Step by').selectOption('packet');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText('igb');
  const packet = (await stepOf(page)).n;
  expect(packet).toBeGreaterThan(1);
  await page.getByLabel('Step by').selectOption('pdu');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText('AWAIT_PDU_CH');
});

test('the timeline markers: Next marker goes to the first IRQ, clicking its tick goes there too', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Next marker' }).click();
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText('igb_msix_ring');
  const irq = await stepOf(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await atStep(page, 1);

  // The IRQ lane is the first one; click 3 px beside the tick: the click snaps to the marker.
  const strip = page.locator('.strip canvas');
  const box = (await strip.boundingBox())!;
  const x = ((irq.n - 1) / (irq.m - 1)) * box.width + 3;
  await strip.click({ position: { x, y: 8 } });
  await atStep(page, irq.n);
});
