/** Shared steps of the app's e2e tests: open the page, read its position and panels, collect errors. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions from the page and its workers. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`worker console: ${m.text()}`);
    });
  });
  return errors;
}

export const position = (page: Page): Locator => page.getByRole('status');
export const summary = (page: Page): Locator => page.getByRole('region', { name: 'Summary' });

/** Shows one of the panels under the picture (Inspector, Event log, Breakpoints, Scenario editor, Numbers). */
export async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}
export const caption = (page: Page): Locator => page.getByRole('region', { name: 'What is happening now' });

/** "Step N / M" as numbers. */
export async function stepOf(page: Page): Promise<{ n: number; m: number }> {
  const text = await position(page).innerText();
  const match = /^Step (\d+) \/ (\d+)$/.exec(text.trim());
  if (match === null) throw new Error(`status reads '${text}'`);
  return { n: Number(match[1]), m: Number(match[2]) };
}

/** Opens the app and waits for the default preset's first step. Returns the step count. */
export async function openApp(page: Page): Promise<number> {
  await page.goto('/');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  return (await stepOf(page)).m;
}

/** Waits until the status reads step n (of any total). */
export async function atStep(page: Page, n: number): Promise<void> {
  await expect(position(page)).toHaveText(new RegExp(`^Step ${n} / \\d+$`));
}

/** Position and summary text together: what must match wherever a step is reached from. */
export async function shown(page: Page): Promise<string> {
  await showTab(page, 'Numbers');
  return `${await position(page).innerText()}\n${await caption(page).innerText()}\n${await summary(page).innerText()}`;
}
