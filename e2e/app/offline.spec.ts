/**
 * The built app loads nothing from other hosts (UX: it works offline in a classroom): every
 * request of the page and its worker, while loading, stepping, opening every panel and loading
 * another preset, is same-origin, data: or blob:.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, position, showTab } from './helpers';

test('every request is same-origin, data: or blob:', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByLabel('Step by').selectOption('packet');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  for (const tab of ['Inspector', 'Event log', 'Breakpoints', 'Scenario editor', 'Numbers'])
    await showTab(page, tab);
  await page.getByLabel('Scenario').selectOption('write-128k-r2t');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });

  const origin = new URL(baseURL!).origin;
  const foreign = requests.filter(
    (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin,
  );
  expect(foreign, `requests to other hosts:\n${foreign.join('\n')}`).toEqual([]);
  // The page, its script, its style and the simulation worker were seen (the listener works).
  const paths = requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
  expect(paths).toContain('/');
  expect(paths.some((p) => /\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);
  expect(paths.some((p) => /\/assets\/index-[\w-]+\.css$/.test(p))).toBe(true);
  expect(paths.some((p) => /\/assets\/worker-[\w-]+\.js$/.test(p))).toBe(true);
  expect(errors).toEqual([]);
});
