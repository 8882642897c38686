/**
 * Playwright: the e2e tests in e2e/ (*.spec.ts; vitest only takes *.test.ts). Uses
 * Playwright's own Chromium when it is installed (`npx playwright install chromium`), else
 * Debian's /usr/bin/chromium (scripts/test.sh installs it where it can).
 *
 * Two projects, each with its server: `chromium` (sim-core parity, e2e/*.spec.ts, served by
 * e2e/serve.ts) and `app` (the visualizer as built for users, e2e/app/*.spec.ts, served by
 * `vite preview` from a fresh `vite build`).
 */
import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4179);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4180);
/** Where the app is built for the tests (separate dirs let several runs share a checkout). */
const APP_OUT = process.env.E2E_APP_OUT ?? 'dist';
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function bundledChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

const launchOptions =
  !bundledChromiumInstalled() && existsSync(SYSTEM_CHROMIUM)
    ? {
        executablePath: SYSTEM_CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      }
    : {};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One browser at a time: the tests are short, and the machine running them may be small.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'app/**',
      use: { browserName: 'chromium', launchOptions, baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: 'app',
      testDir: 'e2e/app',
      use: {
        browserName: 'chromium',
        launchOptions,
        baseURL: `http://127.0.0.1:${APP_PORT}`,
        viewport: { width: 1920, height: 1080 },
      },
    },
  ],
  webServer: [
    {
      command: 'npx tsx e2e/serve.ts',
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: `npx vite build --logLevel warn --outDir ${APP_OUT} --emptyOutDir && npx vite preview --outDir ${APP_OUT} --port ${APP_PORT} --strictPort`,
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
  ],
});
