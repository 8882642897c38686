/**
 * Pictures of the main views to look at (attached to the report and saved under
 * test-results/screenshots/): the whole page at 1920×1080 in the middle of a PDU's payload,
 * each tab of the lower panel, the 1280×720 layout, the dark scheme and reduced motion. Each
 * also checks that it shows what its name claims.
 */
import { join } from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { caption, collectErrors, openApp, position, showTab, stepOf, summary } from './helpers';

const PAYLOAD_STATE = 'NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD';

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  // A viewport picture shows the top of the page (opening a tab scrolls it into view).
  if (!fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Bytes of the PDU's payload read so far, from the Numbers tab ("Payload 512 / 1,024 B"). */
async function payloadRead(page: Page): Promise<{ type: string; read: number }> {
  const text = await summary(page).innerText();
  const type = /Type\s+(\S+)/.exec(text)?.[1] ?? '';
  const read = /Payload\s+([\d,]+) \//.exec(text)?.[1] ?? '0';
  return { type, read: Number(read.replace(/,/g, '')) };
}

/**
 * write-128k-r2t, run to where the PDU receive machine awaits the H2CData PDU's payload (the
 * breakpoint first stops at the Fabrics Connect capsule's 1 KiB of data), then on by events
 * until the first payload bytes are in the request's buffer.
 */
async function intoPayload(page: Page): Promise<void> {
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('write-128k-r2t');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  await showTab(page, 'Breakpoints');
  await page.getByLabel('Condition').selectOption('recv-state');
  await page.getByLabel('State', { exact: true }).selectOption(PAYLOAD_STATE);
  await page.getByRole('button', { name: 'Add breakpoint' }).click();
  for (let i = 0; i < 8; i++) {
    const before = (await stepOf(page)).n;
    await showTab(page, 'Breakpoints');
    await page.getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(before);
    await showTab(page, 'Numbers');
    await expect(summary(page)).toContainText(PAYLOAD_STATE);
    if ((await payloadRead(page)).type === 'H2CData') break;
  }
  expect((await payloadRead(page)).type).toBe('H2CData');
  await page.getByLabel('Step by').selectOption('event');
  const forward = page.getByRole('button', { name: 'Step forward', exact: true });
  for (let i = 0; i < 100 && (await payloadRead(page)).read === 0; i++) {
    const { n } = await stepOf(page);
    await forward.click();
    await expect(position(page)).toHaveText(new RegExp(`^Step ${n + 1} / `));
  }
  expect((await payloadRead(page)).read).toBeGreaterThan(0);
}

/** The two bands of the picture are drawn. */
async function expectPicture(page: Page): Promise<void> {
  await expect(page.getByRole('figure', { name: 'Linux receive path' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'SPDK receive path' })).toBeVisible();
}

test('1920×1080 in a PDU payload, and each tab of the lower panel', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await intoPayload(page);
  await expectPicture(page);
  await expect(caption(page)).not.toBeEmpty();
  await showTab(page, 'Inspector');
  await shoot(page, testInfo, 'main-1920x1080');
  await shoot(page, testInfo, 'main-1920x1080-full', true);

  const panel = page.getByRole('tabpanel');
  // Something selected, so the Inspector shows its fields (the picture's objects are buttons).
  const part = page.locator('section.picture [role="button"]').first();
  if ((await part.count()) > 0) await part.click();
  await showTab(page, 'Inspector');
  await expect(panel.getByRole('region', { name: 'Inspector' })).toBeVisible();
  await shoot(page, testInfo, 'tab-inspector', true);

  await showTab(page, 'Event log');
  await expect(panel.getByRole('listbox', { name: 'Events' }).getByRole('option').first()).toBeVisible();
  await shoot(page, testInfo, 'tab-event-log', true);

  await showTab(page, 'Breakpoints');
  await expect(panel.getByRole('checkbox', { name: /AWAIT_PDU_PAYLOAD/ })).toBeChecked();
  await shoot(page, testInfo, 'tab-breakpoints', true);

  await showTab(page, 'Scenario editor');
  await expect(panel.getByRole('region', { name: 'Scenario editor' })).toContainText('write-128k-r2t');
  await shoot(page, testInfo, 'tab-scenario-editor', true);

  await showTab(page, 'Numbers');
  await expect(summary(page)).toContainText(PAYLOAD_STATE);
  await expect(summary(page)).toContainText('H2CData');
  await shoot(page, testInfo, 'tab-numbers', true);
  expect(errors).toEqual([]);
});

test('1280×720: the controls, timeline and picture fit the width', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await intoPayload(page);
  await expectPicture(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal scroll at 1280 px').toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeInViewport();
  await shoot(page, testInfo, 'layout-1280x720');
  await shoot(page, testInfo, 'layout-1280x720-full', true);
});

/** Relative luminance (0 black … 1 white) of a CSS rgb() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

test('dark scheme: dark page, light text', async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await intoPayload(page);
  await expectPicture(page);
  const colours = await page.evaluate(() => {
    const s = getComputedStyle(document.documentElement);
    return { bg: s.backgroundColor, text: s.color };
  });
  expect(luminance(colours.bg)).toBeLessThan(0.05);
  expect(luminance(colours.text)).toBeGreaterThan(0.7);
  await shoot(page, testInfo, 'dark-1920x1080');
  await showTab(page, 'Numbers');
  await shoot(page, testInfo, 'dark-1920x1080-full', true);
});

test('reduced motion: a step is drawn at once, nothing moves afterwards', async ({ page }, testInfo) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await intoPayload(page);
  await expectPicture(page);
  expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  const { n } = await stepOf(page);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(position(page)).toHaveText(new RegExp(`^Step ${n + 1} / `));
  const picture = page.locator('section.picture');
  // Two frames for the scheduler to apply the step, then the picture must not change any more.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const drawn = await picture.innerHTML();
  await page.waitForTimeout(600);
  expect(await picture.innerHTML()).toBe(drawn);
  await shoot(page, testInfo, 'reduced-motion-1920x1080');
});
