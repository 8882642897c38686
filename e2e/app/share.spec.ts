/**
 * Share links in the page: Share puts a link in the address bar and on the clipboard and shows
 * it; the link opened in a fresh browser context shows the same step, caption, numbers, tab and
 * selection, for several presets at several steps and for an edited scenario. Broken or hostile
 * links show a role=alert message and the default scenario, and nothing from them is run or
 * rendered as HTML. The page's Content-Security-Policy forbids inline and remote scripts.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { encodeLink, decodeLink } from '../../app/share/codec';
import { presetScenario } from '../../sim-core';
import { caption, collectErrors, openApp, position, shown, showTab, stepOf } from './helpers';

const picker = (page: Page) => page.getByRole('combobox', { name: 'Scenario', exact: true });
const shareButton = (page: Page) => page.getByRole('button', { name: 'Share', exact: true });
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true });

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Presses Share; checks the link is shown, in the address bar and on the clipboard; returns it. */
async function share(page: Page): Promise<string> {
  await shareButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('Link copied to the clipboard.');
  const field = dialog.getByRole('textbox', { name: 'Link' });
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1\.[jz][A-Za-z0-9_-]+$/);
  // Shown selected, ready to copy by hand.
  expect(
    await field.evaluate((el: HTMLInputElement) =>
      el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0),
    ),
  ).toBe(link);
  expect(page.url()).toBe(link);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  return link;
}

interface Seen {
  status: string;
  tab: string;
  panel: string;
  picker: string;
  numbers: string;
}

/** What must match wherever the link is opened: position, tab and its panel, scenario, caption and numbers. */
async function seen(page: Page): Promise<Seen> {
  const tab = await selectedTab(page).innerText();
  const panel = await page.getByRole('tabpanel').innerText();
  const status = await position(page).innerText();
  const pick = await picker(page).locator('option:checked').innerText();
  const numbers = await shown(page); // shows the Numbers tab: read last
  return { status, tab, panel, picker: pick, numbers };
}

/** Opens `link` in a fresh browser context (no storage, no history) and returns what it shows. */
async function openFresh(
  browser: Browser,
  link: string,
  status: string,
): Promise<{ seen: Seen; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await ctx.newPage();
  const errors = collectErrors(page);
  await page.goto(link);
  await expect(position(page)).toHaveText(status, { timeout: 30_000 });
  return { seen: await seen(page), page, errors };
}

test('a shared link opens the same step, caption, numbers and tab, for several presets at several steps', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await openApp(page);
  const cases: { preset: string; go: (p: Page) => Promise<void>; tab: string }[] = [
    {
      preset: 'write-4k-incapsule',
      tab: 'Event log',
      go: async (p) => {
        for (let n = 2; n <= 6; n++) {
          await p.getByRole('button', { name: 'Step forward', exact: true }).click();
          await expect(position(p)).toHaveText(new RegExp(`^Step ${n} / `));
        }
      },
    },
    {
      preset: 'write-128k-r2t',
      tab: 'Numbers',
      go: async (p) => {
        await p.keyboard.press('End');
        const { m } = await stepOf(p);
        await expect(position(p)).toHaveText(`Step ${m} / ${m}`);
      },
    },
    {
      preset: 'out-of-order',
      tab: 'Breakpoints',
      go: async (p) => {
        await p.keyboard.press('End');
        const { m } = await stepOf(p);
        await expect(position(p)).toHaveText(`Step ${m} / ${m}`);
        for (let i = 1; i <= 3; i++) {
          await p.getByRole('button', { name: 'Step back', exact: true }).click();
          await expect(position(p)).toHaveText(`Step ${m - i} / ${m}`);
        }
      },
    },
  ];
  for (const c of cases) {
    await picker(page).selectOption(c.preset);
    await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'rxpath' }).click(); // keys go to the page, not the picker
    await c.go(page);
    await showTab(page, c.tab);
    const link = await share(page);
    const here = await seen(page);
    expect(here.tab, c.preset).toBe(c.tab);
    const there = await openFresh(browser, link, here.status);
    expect(there.seen, c.preset).toEqual(here);
    expect(there.errors, c.preset).toEqual([]);
    await there.page.context().close();
  }
  expect(errors).toEqual([]);
});

test('the selection and the tab survive the round trip', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // A link made outside the page (as another rxpath made it) with a selection on the Inspector.
  const made = encodeLink({
    presetId: 'write-128k-r2t',
    scenario: presetScenario('write-128k-r2t'),
    step: 40,
    selection: { kind: 'req', id: 0 },
    tab: 'inspector',
  });
  await page.goto(`/#${made}`);
  await expect(position(page)).toHaveText(/^Step 41 \/ \d+$/, { timeout: 30_000 });
  await expect(selectedTab(page)).toHaveText('Inspector');
  // The page's own Share carries the same state on.
  await shareButton(page).click();
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('at step 41 / ');
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText(
    'tcp_req 0 selected, with the Inspector tab shown.',
  );
  await page.getByRole('button', { name: 'Close' }).click();
  const link = await share(page);
  const decoded = decodeLink(new URL(link).hash);
  expect(decoded.ok && decoded.state.selection).toEqual({ kind: 'req', id: 0 });
  expect(decoded.ok && decoded.state.step).toBe(40);
  expect(decoded.ok && decoded.state.tab).toBe('inspector');
  const here = await seen(page);
  const there = await openFresh(browser, link, here.status);
  expect(there.seen).toEqual(here);
  await there.page.context().close();
});

test('an edited knob survives the round trip', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  const m1 = await openApp(page);
  await showTab(page, 'Scenario editor');
  const ed = page.getByRole('region', { name: 'Scenario editor' });
  await ed.getByRole('textbox', { name: 'Write commands' }).fill('3');
  await ed.getByRole('checkbox', { name: 'GRO', exact: true }).uncheck();
  await ed.getByRole('button', { name: 'Run scenario' }).click();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  const { m } = await stepOf(page);
  expect(m).not.toBe(m1);
  for (let n = 2; n <= 4; n++) {
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect(position(page)).toHaveText(`Step ${n} / ${m}`);
  }
  const link = await share(page);
  const here = await seen(page);
  expect(here.picker).toBe('A 4 KiB in-capsule write, end to end (edited)');
  const there = await openFresh(browser, link, here.status);
  expect(there.seen).toEqual(here);
  await showTab(there.page, 'Scenario editor');
  const ed2 = there.page.getByRole('region', { name: 'Scenario editor' });
  await expect(ed2.getByRole('textbox', { name: 'Write commands' })).toHaveValue('3');
  await expect(ed2.getByRole('checkbox', { name: 'GRO', exact: true })).not.toBeChecked();
  expect(there.errors).toEqual([]);
  await there.page.context().close();
  expect(errors).toEqual([]);
});

const b64url = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

test('broken and hostile links show an alert and the default scenario', async ({ browser }) => {
  test.setTimeout(120_000);
  const cases: { name: string; fragment: string; says: RegExp }[] = [
    { name: 'bad encoding', fragment: 'v1.j@@@@', says: /not valid base64url/ },
    {
      name: 'unknown version',
      fragment: `v7.j${b64url('{"p":"gro-on","s":1}')}`,
      says: /version v7 is newer/,
    },
    {
      name: '__proto__',
      fragment: `v1.j${b64url('{"p":"write-4k-incapsule","s":1,"k":{"__proto__":{"wire":{"mtu":9000}}}}')}`,
      says: /forbidden key "__proto__"/,
    },
    {
      name: 'huge workload',
      fragment: `v1.j${b64url('{"p":"write-4k-incapsule","s":1,"k":{"workload":{"writes":1000000},"limits":{"maxEvents":50000000}}}')}`,
      says: /too large for a browser tab/,
    },
    {
      name: 'invalid knob',
      fragment: `v1.j${b64url('{"p":"write-4k-incapsule","s":1,"k":{"nic":{"rxRingSize":100}}}')}`,
      says: /nic\.rxRingSize = 100: must be a multiple of 8/,
    },
    {
      name: 'markup in a field name',
      fragment: `v1.j${b64url('{"p":"gro-on","s":1,"<img src=x onerror=alert(1)>":1}')}`,
      says: /unknown field .*img src=x onerror=alert/,
    },
  ];
  for (const c of cases) {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    const errors = collectErrors(page);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`/#${c.fragment}`);
    const alert = page.getByRole('alert').filter({ hasText: 'This link could not be opened' });
    await expect(alert, c.name).toContainText(c.says);
    await expect(alert).toContainText('Showing the default scenario instead.');
    // The default scenario, at its first step.
    await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
    await expect(picker(page)).toHaveValue('write-4k-incapsule');
    // Text, never markup: no element was made from the link and nothing ran.
    await expect(alert.locator('img')).toHaveCount(0);
    expect(dialogs, c.name).toBe(0);
    expect(errors, c.name).toEqual([]);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
    await ctx.close();
  }
});

test('a link pasted into an open page is opened; changing scenario takes it out of the address bar', async ({
  page,
}) => {
  await openApp(page);
  const made = encodeLink({
    presetId: 'gro-off',
    scenario: presetScenario('gro-off'),
    step: 9,
    selection: null,
    tab: 'numbers',
  });
  await page.evaluate((f) => {
    window.location.hash = f;
  }, made);
  await expect(position(page)).toHaveText(/^Step 10 \/ \d+$/, { timeout: 30_000 });
  await expect(picker(page)).toHaveValue('gro-off');
  await expect(selectedTab(page)).toHaveText('Numbers');
  await picker(page).selectOption('gro-on');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  expect(new URL(page.url()).hash).toBe('');
});

test('when the clipboard is refused the link is still shown and in the address bar', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await ctx.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  const page = await ctx.newPage();
  await openApp(page);
  await shareButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('The browser did not allow copying: copy the link below.');
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(link).toMatch(/#v1\./);
  expect(page.url()).toBe(link);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(shareButton(page)).toBeFocused();
  await ctx.close();
});

test("the page's Content-Security-Policy forbids inline and remote scripts", async ({ page }) => {
  const res = await page.request.get('/');
  const html = await res.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta).not.toBeNull();
  const directives = new Map(
    meta![1]!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  // The built page has no inline script, and a script injected inline is refused.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  await openApp(page);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    return (window as unknown as { __inline?: number }).__inline === 1;
  });
  expect(ran).toBe(false);
  await expect(caption(page)).toBeVisible();
});

test('the Share dialog, a broken link alert and editor errors pass axe (no serious or critical violation)', async ({
  page,
}) => {
  const serious = async (): Promise<string[]> => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
  };
  await page.goto('/#v1.j@@@@');
  await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toBeVisible();
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  await shareButton(page).click();
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('Link copied');
  await showTab(page, 'Scenario editor');
  const ed = page.getByRole('region', { name: 'Scenario editor' });
  await ed.getByRole('textbox', { name: 'RX descriptors' }).fill('7');
  await ed.getByRole('button', { name: 'Add fault' }).click();
  await ed.getByRole('textbox', { name: 'Segment', exact: true }).fill('0');
  await expect(ed.getByRole('button', { name: 'Run scenario' })).toBeDisabled();
  expect(await serious()).toEqual([]);
});
