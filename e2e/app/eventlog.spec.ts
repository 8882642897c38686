/** The event log: filtered in the worker, virtualised, click or Enter jumps, follows the player. */
import { expect, type Page, test } from '@playwright/test';
import { atStep, collectErrors, openApp, position, showTab, stepOf } from './helpers';

const list = (page: Page) => page.getByRole('listbox', { name: 'Events' });
const options = (page: Page) => list(page).getByRole('option');

/** Step numbers ("Step N, ...") of the rows in the DOM that have arrived. */
async function shownSteps(page: Page): Promise<number[]> {
  const labels = await options(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.flatMap((l) => {
    const m = /^Step (\d+),/.exec(l);
    return m === null ? [] : [Number(m[1])];
  });
}

test('only the visible rows are in the DOM, and rows come from the worker', async ({ page }) => {
  const errors = collectErrors(page);
  const total = await openApp(page);
  await showTab(page, 'Event log');
  await expect(page.getByText(new RegExp(`^${total.toLocaleString('en-US')} events`))).toBeVisible();
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step 1, /);
  const n = await options(page).count();
  expect(n).toBeGreaterThan(5);
  expect(n).toBeLessThan(60);
  expect(total).toBeGreaterThan(n * 10);
  expect(errors).toEqual([]);
});

test("filter by 'igb_clean_rx_irq' shows only such rows; clicking a row jumps to its step", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const total = await openApp(page);
  await showTab(page, 'Event log');
  await page.getByLabel('Filter events').fill('igb_clean_rx_irq');
  await expect(page.getByText(/events match$/)).toBeVisible();
  const countText = await page.getByText(/events match$/).innerText();
  const matches = Number(/^([\d,]+) of/.exec(countText)![1]!.replace(/,/g, ''));
  expect(matches).toBeGreaterThan(0);
  expect(matches).toBeLessThan(total);
  await expect(options(page).first()).toHaveAttribute('aria-label', /igb_clean_rx_irq/);
  const labels = await options(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(labels.length).toBeGreaterThan(0);
  for (const l of labels) expect(l).toContain('igb_clean_rx_irq');

  // The third match: clicking it sets the player there.
  const third = options(page).nth(2);
  const label = (await third.getAttribute('aria-label')) ?? '';
  const step = Number(/^Step (\d+),/.exec(label)![1]);
  await third.click();
  await atStep(page, step);
  await expect(third).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: '/tmp/eventlog/filter-igb.png' });
  expect(errors).toEqual([]);
});

test('kind buttons narrow the log to state changes', async ({ page }) => {
  await openApp(page);
  await showTab(page, 'Event log');
  await page.getByRole('button', { name: 'State changes' }).click();
  await expect(page.getByRole('button', { name: 'State changes' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(/events match$/)).toBeVisible();
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step \d+, .*, state: /);
  const labels = await options(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const l of labels.filter((x) => x.startsWith('Step'))) expect(l).toMatch(/, state: .*→/);
});

test('keyboard: Down moves the row, Enter jumps; arrows do not step the player from the list', async ({
  page,
}) => {
  await openApp(page);
  await showTab(page, 'Event log');
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step 1, /);
  await list(page).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  // The player did not move: the list took the arrows.
  await atStep(page, 1);
  await expect(list(page)).toHaveAttribute('aria-activedescendant', /.+/);
  const active = await list(page).getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-label', /^Step 5, /);
  await page.keyboard.press('Enter');
  await atStep(page, 5);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await atStep(page, 4);
});

test('the log follows the player, and scrolling by hand stops following', async ({ page }) => {
  await openApp(page);
  await showTab(page, 'Event log');
  const follow = page.getByRole('button', { name: 'Follow' });
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  // End (the page's shortcut) goes to the last step, far below the first screen of rows.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  const { m } = await stepOf(page);
  await atStep(page, m);
  await expect(list(page).getByRole('option', { selected: true })).toHaveAttribute(
    'aria-label',
    new RegExp(`^Step ${m}, `),
  );
  // Step back a few times: the highlighted row moves with the player.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await atStep(page, m - 3);
  await expect(list(page).getByRole('option', { selected: true })).toHaveAttribute(
    'aria-label',
    new RegExp(`^Step ${m - 3}, `),
  );

  // Scrolling by hand switches Follow off; the player's steps then leave the list where it is.
  await list(page).evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step 1, /);
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await atStep(page, m - 4);
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step 1, /);
  // Follow again brings the current row back.
  await follow.click();
  await expect(list(page).getByRole('option', { selected: true })).toHaveAttribute(
    'aria-label',
    new RegExp(`^Step ${m - 4}, `),
  );
  const steps = await shownSteps(page);
  expect(steps).toContain(m - 4);
  await expect(position(page)).toHaveText(`Step ${m - 4} / ${m}`);
});

test('screenshots at 1920x1080 and 1280x720', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page);
  await showTab(page, 'Event log');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await atStep(page, 7);
  await list(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/log-1920.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await list(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/log-1280.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await list(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/log-1920-dark.png' });
});

test('10g-sustained: eleven million rows scroll to the end, and the worker filters them all', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('10g-sustained');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 240_000 });
  const { m } = await stepOf(page);
  expect(m).toBeGreaterThan(5_000_000);
  await showTab(page, 'Event log');
  await expect(options(page).first()).toHaveAttribute('aria-label', /^Step 1, /);
  // The scroll area stays within browser limits; its end shows the last row.
  const height = await list(page).evaluate((el) => el.scrollHeight);
  expect(height).toBeLessThanOrEqual(8_000_000 + 2000);
  await list(page).evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(options(page).last()).toHaveAttribute('aria-label', new RegExp(`^Step ${m}, `));
  expect(await options(page).count()).toBeLessThan(60);
  // Halfway down: rows near the middle of the trace.
  await list(page).evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  const fifth = async () =>
    Number(/^Step (\d+),/.exec((await options(page).nth(4).getAttribute('aria-label')) ?? '')?.[1] ?? -1);
  await expect.poll(async () => Math.abs((await fifth()) - m / 2)).toBeLessThan(m / 100);
  const mid = await fifth();
  // Past the scroll cap a wheel notch still moves by rows, not by thousands of them.
  await list(page).hover();
  await page.mouse.wheel(0, 300);
  await expect(options(page).nth(4)).not.toHaveAttribute('aria-label', new RegExp(`^Step ${mid}, `));
  const moved =
    Number(/^Step (\d+),/.exec((await options(page).nth(4).getAttribute('aria-label'))!)![1]) - mid;
  expect(moved).toBeGreaterThan(2);
  expect(moved).toBeLessThan(50);

  // Filter all of it in the worker; time from typing to the count shown.
  const t0 = Date.now();
  await page.getByLabel('Filter events').fill('AWAIT_PDU_PAYLOAD');
  await expect(page.getByText(/events match$/)).toBeVisible({ timeout: 30_000 });
  const ms = Date.now() - t0 - 250; // less the typing debounce
  const text = await page.getByText(/events match$/).innerText();
  console.log(`10g-sustained filter 'AWAIT_PDU_PAYLOAD': ${text} in about ${ms} ms (browser, end to end)`);
  await expect(options(page).first()).toHaveAttribute('aria-label', /AWAIT_PDU_PAYLOAD/);
  await page.screenshot({ path: '/tmp/eventlog/log-10g.png' });
});
