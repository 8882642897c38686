/** The page opens on the default preset, readable, with the contract's names, and a screenshot to look at. */
import { expect, test } from '@playwright/test';
import { caption, collectErrors, openApp, summary, showTab } from './helpers';

test('the default preset loads on start: step 1, a function named, the picker shows it', async ({
  page,
}, testInfo) => {
  const errors = collectErrors(page);
  const total = await openApp(page);
  expect(total).toBeGreaterThan(100);

  const picker = page.getByLabel('Scenario');
  await expect(picker).toHaveValue('write-4k-incapsule');
  await expect(
    page.getByText('One 4 KiB write sent inside its command capsule', { exact: false }),
  ).toBeVisible();

  // The caption names a real function (an identifier followed by "()") and links its upstream file.
  await expect(caption(page).locator('code.fn')).toHaveText(/^[a-z_][\w.]*\(\)$|\S/);
  for (const name of ['Play', 'Step forward', 'Step back', 'Reset']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeEnabled();
  }
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await showTab(page, 'Numbers');
  await expect(summary(page)).toContainText('igb RX ring');
  await expect(summary(page)).toContainText('NVME_TCP_PDU_RECV_STATE_');

  // The next packet: the igb driver's row, linked to its file at the pinned kernel version.
  await page.getByLabel('Step by').selectOption('packet');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(caption(page).locator('a')).toHaveAttribute(
    'href',
    /^https:\/\/(elixir\.bootlin\.com|github\.com)\//,
  );
  await expect(caption(page).locator('a')).toHaveAttribute('target', '_blank');

  // Two packets on, data is on its way up: keep a picture of the main view.
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  const file = testInfo.outputPath('main-view.png');
  await page.screenshot({ path: file });
  await testInfo.attach('main view (1920x1080)', { path: file, contentType: 'image/png' });
  expect(errors).toEqual([]);
});

test('the page makes no request to another host', async ({ page, baseURL }) => {
  const home = new URL(baseURL!).host;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.host !== home) foreign.push(r.url());
  });
  await openApp(page);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  expect(foreign).toEqual([]);
});
