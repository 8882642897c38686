/**
 * The kernel band of the picture: its ring pointers agree with the Numbers tab while stepping
 * by packet, objects are selected by click and by keyboard (without the page's arrow
 * shortcuts firing), and nothing logs an error.
 */
import { expect, type Page, test } from '@playwright/test';
import { collectErrors, openApp, position, showTab, stepOf, summary } from './helpers';

const band = (page: Page) => page.getByRole('figure', { name: 'Linux receive path' });
const ring = (page: Page) => band(page).getByRole('slider', { name: /^igb RX ring/ });

/** Opens the app on a preset with many packets (the default one has only a few). */
async function openPreset(page: Page, id = 'out-of-order'): Promise<void> {
  await openApp(page);
  await page.getByLabel('Scenario').selectOption(id);
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  await page.getByLabel('Step by').selectOption('packet');
}

/** The number a ring pointer's label shows ("ntc 12" → 12). */
async function pointer(page: Page, key: 'ntc' | 'ntu' | 'head'): Promise<number> {
  const text = await band(page).locator(`[data-marker="${key}"] text`).textContent();
  const m = new RegExp(`^${key} (\\d+)$`).exec(text ?? '');
  if (m === null) throw new Error(`${key} label reads '${text}'`);
  return Number(m[1]);
}

/** "next_to_use / next_to_clean" in the Numbers tab, as numbers. */
async function numbersPointers(page: Page): Promise<{ ntu: number; ntc: number }> {
  const dd = summary(page)
    .locator('div', { has: page.getByText('next_to_use / next_to_clean', { exact: true }) })
    .locator('dd');
  const m = /^(\d+) \/ (\d+)$/.exec((await dd.innerText()).trim());
  if (m === null) throw new Error(`Numbers tab reads '${await dd.innerText()}'`);
  return { ntu: Number(m[1]), ntc: Number(m[2]) };
}

test('ring pointers agree with the Numbers tab while stepping by packet', async ({ page }) => {
  const errors = collectErrors(page);
  await openPreset(page);
  await showTab(page, 'Numbers');
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const before = (await stepOf(page)).n;
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(before);
    const numbers = await numbersPointers(page);
    await expect.poll(() => pointer(page, 'ntc')).toBe(numbers.ntc);
    expect(await pointer(page, 'ntu')).toBe(numbers.ntu);
    // The slider says the same to screen readers.
    await expect(ring(page)).toHaveAttribute('aria-valuetext', /^slot \d+: /);
    seen.add(`${numbers.ntu}/${numbers.ntc}`);
  }
  // Stepping by packet moves the pointers: the test compared more than one position.
  expect(seen.size).toBeGreaterThan(1);
  expect(errors).toEqual([]);
});

test('clicking a slot, a queue or a core selects it', async ({ page }) => {
  const errors = collectErrors(page);
  await openPreset(page);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();

  // A slot: the ring's point at 3 o'clock is the start of slot count/4.
  const r = ring(page);
  const count = Number(await r.getAttribute('aria-valuemax')) + 1;
  const box = await band(page).locator('.k-hit').boundingBox();
  if (box === null) throw new Error('ring not drawn');
  const thickness = await band(page)
    .locator('.k-hit')
    .evaluate((el) => {
      const m = /A([\d.]+),[\d.]+ .*M.*A([\d.]+),/.exec(el.getAttribute('d') ?? '');
      return m === null ? 20 : Number(m[1]) - Number(m[2]);
    });
  await page.mouse.click(box.x + box.width - thickness / 2, box.y + box.height / 2 + 2);
  await expect(r).toHaveAttribute('data-selected', String(count / 4));
  await expect(r).toHaveAttribute('aria-valuenow', String(count / 4));
  await expect(band(page).locator('.k-slot-sel')).toHaveAttribute('d', /^M/);

  // A queue: a button named by its contents.
  const queue = band(page).getByRole('button', { name: /^sk_receive_queue: \d+ skbs?, [\d,]+ bytes?$/ });
  await expect(queue).toHaveAttribute('aria-pressed', 'false');
  await queue.click();
  await expect(queue).toHaveAttribute('aria-pressed', 'true');
  // Selecting something else drops the slot's selection.
  await expect(r).not.toHaveAttribute('data-selected');

  const core = band(page).getByRole('button', { name: /^CPU 1: / });
  await core.click();
  await expect(core).toHaveAttribute('aria-pressed', 'true');
  await expect(queue).toHaveAttribute('aria-pressed', 'false');
  expect(errors).toEqual([]);
});

test('keyboard: the ring selects the slot at next_to_clean and arrows move it, without stepping the player', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPreset(page);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  const step = (await stepOf(page)).n;
  const ntc = await pointer(page, 'ntc');
  const count = Number(await ring(page).getAttribute('aria-valuemax')) + 1;

  await ring(page).focus();
  await expect(ring(page)).toHaveAttribute('data-selected', String(ntc));
  await page.keyboard.press('ArrowRight');
  await expect(ring(page)).toHaveAttribute('data-selected', String((ntc + 1) % count));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(ring(page)).toHaveAttribute('data-selected', String((ntc - 1 + count) % count));
  await expect(ring(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^slot ${(ntc - 1 + count) % count}: `),
  );
  // The arrows were the ring's: the player did not step.
  expect((await stepOf(page)).n).toBe(step);

  // Tab reaches the lanes; Enter selects the queue.
  const backlog = band(page).getByRole('button', { name: /^backlog: / });
  await backlog.focus();
  await page.keyboard.press('Enter');
  await expect(backlog).toHaveAttribute('aria-pressed', 'true');
  expect((await stepOf(page)).n).toBe(step);
  expect(errors).toEqual([]);
});

test('the band has a text summary for screen readers', async ({ page }) => {
  await openPreset(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(band(page).locator('.visually-hidden')).toContainText('sk_receive_queue');
  const text = await band(page).locator('.visually-hidden').innerText();
  expect(text).toMatch(/igb RX ring of [\d,]+ descriptors: next_to_clean \d+, next_to_use \d+/);
  expect(text).toMatch(/sk_receive_queue: \d+ skbs?/);
});
