/** Chromium as playwright.config.ts launches it: Playwright's own when installed, else Debian's. */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function bundledInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

export async function launch(): Promise<{ browser: Browser; which: string }> {
  if (bundledInstalled() || !existsSync(SYSTEM_CHROMIUM)) {
    return { browser: await chromium.launch(), which: chromium.executablePath() };
  }
  const browser = await chromium.launch({
    executablePath: SYSTEM_CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return { browser, which: SYSTEM_CHROMIUM };
}
