/** Breakpoints stop exactly where their condition starts to hold. */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, position, showTab, stepOf, summary } from './helpers';

test('recv state enters AWAIT_PDU_PAYLOAD: Run to breakpoint and Play both stop there', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await showTab(page, 'Breakpoints');
  await page.getByLabel('Condition').selectOption('recv-state');
  await page.getByLabel('State', { exact: true }).selectOption('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD');
  await page.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect(
    page.getByRole('checkbox', { name: 'PDU receive state enters AWAIT_PDU_PAYLOAD' }),
  ).toBeChecked();

  await page.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(
    page.getByText(/Stopped at breakpoint “PDU receive state enters AWAIT_PDU_PAYLOAD”/),
  ).toBeVisible();
  const hit = await stepOf(page);
  expect(hit.n).toBeGreaterThan(1);
  await showTab(page, 'Numbers');
  await expect(summary(page)).toContainText('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD');
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText(
    '→ AWAIT_PDU_PAYLOAD',
  );

  // One step earlier the machine was not in that state yet.
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(position(page)).toHaveText(`Step ${hit.n - 1} / ${hit.m}`);
  await expect(summary(page)).not.toContainText('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD');

  // Playing from the start stops at the same step.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByLabel('Speed').selectOption('1000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(position(page)).toHaveText(`Step ${hit.n} / ${hit.m}`);

  // Switched off, it no longer stops anything.
  await showTab(page, 'Breakpoints');
  await page.getByRole('checkbox', { name: 'PDU receive state enters AWAIT_PDU_PAYLOAD' }).uncheck();
  await expect(page.getByRole('button', { name: 'Run to breakpoint' })).toBeDisabled();
  expect(errors).toEqual([]);
});

test('a TermReq breakpoint stops at the TermReq of header-digest-error', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('header-digest-error');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/);
  await showTab(page, 'Breakpoints');
  await page.getByLabel('Condition').selectOption('termreq');
  await page.getByRole('button', { name: 'Add breakpoint' }).click();
  await page.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(page.getByText(/Stopped at breakpoint “TermReq”/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText(
    /TermReq|term_req/i,
  );
});
