/**
 * Accessibility: axe (WCAG rules and best practices) finds no serious or critical violation
 * on the page after load, after stepping into the data path, and with each tab of the lower
 * panel open, in the light and the dark colour scheme. The failure lists every violation
 * (rule id, impact, where, and axe's help) so one run shows all there is to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { openApp, showTab, stepOf } from './helpers';

const TABS = ['Inspector', 'Event log', 'Breakpoints', 'Scenario editor', 'Numbers'];
const BLOCKING = new Set(['serious', 'critical']);

/** Serious and critical violations on the page as it is now, one line per rule and element. */
async function violations(page: Page, when: string): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  // axe ran its rules on this page (an empty result from a page it could not reach means nothing).
  expect(passes.map((p) => p.id)).toContain('button-name');
  if (process.env.A11Y_ALL)
    for (const v of violations)
      console.log(`[${when}] ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) at ${n.target.join(' ')} [${when}]: ${v.help} ` +
          `${n.failureSummary?.replace(/\s+/g, ' ') ?? ''} ${v.helpUrl}`,
      ),
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation, ${colorScheme} scheme: loaded, stepped, every tab`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    expect(dark).toBe(colorScheme === 'dark');
    const found: string[] = [];
    found.push(...(await violations(page, 'loaded')));

    // Into the data path: a few packets on, skbs and the PDU are on the picture.
    await page.getByLabel('Step by').selectOption('packet');
    const forward = page.getByRole('button', { name: 'Step forward', exact: true });
    for (let i = 0; i < 3; i++) await forward.click();
    await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(1);
    await expect(page.locator('.phase-paused')).toBeVisible();
    found.push(...(await violations(page, 'stepped')));

    // Something selected, so the Inspector shows its fields (the picture's objects are buttons).
    const part = page.locator('section.picture [role="button"]').first();
    if ((await part.count()) > 0) await part.click();
    for (const tab of TABS) {
      await showTab(page, tab);
      await expect(page.getByRole('tabpanel')).toBeVisible();
      found.push(...(await violations(page, `${tab} tab`)));
    }
    // The same element failing in several states is one thing to fix: list it once per rule.
    const unique = [...new Map(found.map((f) => [f.replace(/ \[[^\]]+\]:/, ':'), f])).values()];
    expect(unique, `axe found:\n${unique.join('\n')}`).toEqual([]);
  });
}
