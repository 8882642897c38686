/**
 * The statecharts beside the picture: the lit receive state is the one the Numbers tab shows and
 * moves with the machine; the tcp_req chart follows the request chosen; a state-change row
 * lights the transition taken.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { atStep, collectErrors, openApp, position, showTab, stepOf } from './helpers';

const recvChart = (page: Page): Locator => page.getByRole('img', { name: /^PDU receive state machine/ });
const reqChart = (page: Page): Locator => page.getByRole('img', { name: /^tcp_req .*state machine/ });
const forward = (page: Page): Locator => page.getByRole('button', { name: 'Step forward', exact: true });

/** The full name of the lit state of a chart (exactly one is lit). */
async function litState(chart: Locator): Promise<string> {
  const lit = chart.locator('g.state.lit');
  await expect(lit).toHaveCount(1);
  return (await lit.getAttribute('data-state')) ?? '';
}

/** The receive state as the Numbers tab shows it. */
async function numbersRecvState(page: Page): Promise<string> {
  const dd = page
    .getByRole('region', { name: /PDU in progress/ })
    .locator('div', { has: page.locator('dt', { hasText: 'Receive state' }) })
    .locator('dd');
  return (await dd.innerText()).replace(/\s+/g, '');
}

/** Clicks Step forward and waits for the next step to be shown. */
async function stepOnce(page: Page): Promise<void> {
  const { n } = await stepOf(page);
  await forward(page).click();
  await expect(position(page)).not.toHaveText(new RegExp(`^Step ${n} /`));
}

test('the lit receive state is the one the Numbers tab shows, and it moves with the machine', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('write-4k-incapsule');
  await atStep(page, 1);
  await showTab(page, 'Numbers');

  const seen = new Set<string>();
  const check = async () => {
    const lit = await litState(recvChart(page));
    expect(lit).toBe(await numbersRecvState(page));
    const short = lit.replace(/^NVME_TCP_PDU_RECV_STATE_/, '');
    await expect(recvChart(page)).toHaveAttribute('aria-label', new RegExp(`in ${short}$`));
    const current = page
      .getByRole('list', { name: 'States of nvme_tcp_pdu_recv_state' })
      .locator('li[aria-current="true"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('data-state', lit);
    seen.add(lit);
  };
  // To the first PDU, then event by event through its header and payload: at every step the
  // chart, its accessible text and the numbers agree.
  await page.getByLabel('Step by').selectOption('pdu');
  await stepOnce(page);
  await check();
  await page.getByLabel('Step by').selectOption('event');
  for (let i = 0; i < 60 && seen.size < 3; i++) {
    await stepOnce(page);
    await check();
  }
  expect(seen.size).toBeGreaterThanOrEqual(3);
  expect(errors).toEqual([]);
});

test('a state-change row lights the transition it took', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await showTab(page, 'Numbers');
  // The first PDU starts with a change of the receive machine (AWAIT_PDU_READY → AWAIT_PDU_CH).
  await page.getByLabel('Step by').selectOption('pdu');
  await stepOnce(page);
  await page.getByLabel('Step by').selectOption('event');
  const now = page.getByRole('region', { name: /^PDU receive/ }).locator('.chart-now');
  // Walk event by event to the first change of the receive machine.
  for (let i = 0; i < 400; i++) {
    if ((await now.innerText()).startsWith('Took')) break;
    await stepOnce(page);
  }
  await expect(now).toContainText(/^Took \S+ → \S+ on [A-Z_]+/);
  const lit = await litState(recvChart(page));
  expect(lit).toBe(await numbersRecvState(page));
  const short = lit.replace(/^NVME_TCP_PDU_RECV_STATE_/, '');
  await expect(now).toContainText(`→ ${short} on`);
  // The caption names the same change.
  await expect(page.getByRole('region', { name: 'What is happening now' })).toContainText(short);
  await expect(recvChart(page).locator('g.edge.lit')).toHaveCount(1);
  await expect(recvChart(page).locator('g.event-tag')).toBeVisible();
  await expect(recvChart(page).locator('g.event-tag text')).toHaveText(/^[A-Z_]+( or [A-Z_]+)*$/);
  // Walk on to a row that is no state change: nothing lit but the state.
  for (let i = 0; i < 20 && (await now.innerText()).startsWith('Took'); i++) await stepOnce(page);
  await expect(recvChart(page).locator('g.edge.lit')).toHaveCount(0);
  await expect(recvChart(page).locator('g.event-tag')).toBeHidden();
  expect(errors).toEqual([]);
});

test('choosing another tcp_req changes the lit tcp_req state', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('write-4k-incapsule');
  await atStep(page, 1);
  await page.getByLabel('Step by').selectOption('pdu');
  const picker = page.getByRole('combobox', { name: 'tcp_req to follow' });
  // Step until a request is in use.
  for (let i = 0; i < 20; i++) {
    if ((await picker.locator('optgroup[label="In use"] option').count()) > 0) break;
    await stepOnce(page);
  }
  const busy = picker.locator('optgroup[label="In use"] option').first();
  await expect(busy).toHaveCount(1);
  const busyIdx = (await busy.getAttribute('value')) ?? '';
  await picker.selectOption(busyIdx);
  await expect(reqChart(page)).toHaveAttribute('aria-label', new RegExp(`^tcp_req ${busyIdx} `));
  const busyState = await litState(reqChart(page));
  expect(busyState).not.toBe('TCP_REQUEST_STATE_FREE');

  const freeIdx = (await picker.locator('optgroup[label="Free"] option').first().getAttribute('value')) ?? '';
  await picker.selectOption(freeIdx);
  await expect(reqChart(page)).toHaveAttribute('aria-label', new RegExp(`^tcp_req ${freeIdx} `));
  expect(await litState(reqChart(page))).toBe('TCP_REQUEST_STATE_FREE');

  // Back to following the PDU's request automatically.
  await picker.selectOption('auto');
  await expect(picker).toHaveValue('auto');
  expect(errors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing in the state machines panel with a transition lit, ${colorScheme}`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    await page.getByLabel('Step by').selectOption('pdu');
    await stepOnce(page);
    await expect(page.locator('.chart-now').first()).toContainText('Took');
    const { violations, passes } = await new AxeBuilder({ page }).include('.statecharts').analyze();
    expect(passes.length).toBeGreaterThan(0);
    expect(
      violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
}
