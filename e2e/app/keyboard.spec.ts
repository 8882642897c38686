/** The keyboard: Space plays and pauses, arrows step (Shift: coarser), Home resets. */
import { expect, test } from '@playwright/test';
import { atStep, openApp, stepOf } from './helpers';

test('Space toggles, Right/Left step, Shift+Right steps by packet, Home resets', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 2);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 3);
  await page.keyboard.press('ArrowLeft');
  await atStep(page, 2);

  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText('igb');
  expect((await stepOf(page)).n).toBeGreaterThan(2);

  await page.keyboard.press('Home');
  await atStep(page, 1);

  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect((await stepOf(page)).n).toBeGreaterThan(1);

  // After a mouse click on a player button, Space still means play/pause.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await atStep(page, 1);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');

  // Keys typed in a field are the field's: arrows in the Speed select do not step.
  const before = (await stepOf(page)).n;
  await page.getByLabel('Speed').focus();
  await page.keyboard.press('ArrowLeft');
  expect((await stepOf(page)).n).toBe(before);
});
