/** The source panel: the current function, its pinned upstream file, our caption, and a call stack that moves. */
import { expect, type Page, test } from '@playwright/test';
import { atStep, collectErrors, openApp, showTab } from './helpers';

const panel = (page: Page) => page.getByRole('region', { name: 'Source' });
const stack = (page: Page) => panel(page).getByRole('list', { name: 'Call stack' });

/** Jumps to the first row of the event log matching `text` whose function is `fn`; returns its step number. */
async function jumpTo(page: Page, text: string, fn: string): Promise<number> {
  await showTab(page, 'Event log');
  await page.getByLabel('Filter events').fill(text);
  const list = page.getByRole('listbox', { name: 'Events' });
  const row = list.getByRole('option', { name: new RegExp(`^Step \\d+, [^,]+, ${fn}, `) }).first();
  await expect(row).toBeVisible();
  const n = Number(/^Step (\d+),/.exec((await row.getAttribute('aria-label')) ?? '')![1]);
  await row.click();
  await atStep(page, n);
  return n;
}

test('an igb row and an SPDK row: function, pinned link, caption, and different stacks', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page);
  await expect(panel(page).getByRole('heading', { name: 'Source' })).toBeVisible();

  await jumpTo(page, 'igb_clean_rx_irq', 'igb_clean_rx_irq');
  await expect(panel(page).locator('.src-fn')).toHaveText(/igb_clean_rx_irq/);
  const link = panel(page).getByRole('link', { name: 'drivers/net/ethernet/intel/igb/igb_main.c' });
  await expect(link).toHaveAttribute(
    'href',
    'https://elixir.bootlin.com/linux/v6.5/source/drivers/net/ethernet/intel/igb/igb_main.c',
  );
  await expect(panel(page)).toContainText('Linux v6.5');
  await expect(stack(page).getByRole('listitem').first()).toContainText('igb_clean_rx_irq');
  await expect(stack(page)).toContainText('igb_poll');
  await expect(stack(page)).toContainText('net_rx_action');
  await expect(stack(page)).toContainText('__do_softirq');
  const igbStack = await stack(page).innerText();
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/source-igb.png' });

  await jumpTo(page, 'nvmf_tcp_sock_process', 'nvmf_tcp_sock_process');
  await expect(panel(page).locator('.src-fn')).toHaveText(/nvmf_tcp_sock_process/);
  await expect(panel(page).getByRole('link', { name: 'lib/nvmf/tcp.c' }).first()).toHaveAttribute(
    'href',
    'https://github.com/spdk/spdk/blob/v24.09/lib/nvmf/tcp.c',
  );
  await expect(stack(page).getByRole('listitem').first()).toContainText('nvmf_tcp_sock_process');
  await expect(stack(page)).toContainText('nvmf_tcp_sock_cb');
  await expect(stack(page)).toContainText('spdk_sock_group_poll');
  await expect(stack(page)).toContainText('reactor_run');
  await expect(stack(page)).not.toContainText('igb_poll');
  expect(await stack(page).innerText()).not.toBe(igbStack);
  // Our own caption, in plain words.
  await expect(panel(page).locator('.src-caption')).toContainText('receive loop');
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/source-spdk.png' });
  expect(errors).toEqual([]);
});

test('the stack moves with each step', async ({ page }) => {
  await openApp(page);
  const n = await jumpTo(page, 'napi_gro_receive', 'napi_gro_receive');
  await expect(stack(page).getByRole('listitem').first()).toContainText('napi_gro_receive');
  const before = await stack(page).innerText();
  // Step back one event at a time until the function changes: the stack's first frame follows it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowLeft');
  await atStep(page, n - 1);
  const fn = (await panel(page).locator('.src-fn code').innerText()).trim();
  await expect(stack(page).getByRole('listitem').first()).not.toHaveText(before.split('\n')[0]!);
  expect(fn.length).toBeGreaterThan(0);
});

test('screenshot at 1280x720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await jumpTo(page, 'tcp_data_queue', 'tcp_data_queue');
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/source-1280.png' });
  await expect(stack(page)).toContainText('tcp_rcv_established');
});

test('TCP input run by the reader: the stack crosses into SPDK through readv()', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('backlog');
  await expect(page.getByRole('status')).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  const n = await jumpTo(page, '__release_sock', '__release_sock');
  // The rows right after __release_sock are the backlog's segments going through TCP input.
  await page.getByLabel('Filter events').fill('tcp_rcv_established');
  const list = page.getByRole('listbox', { name: 'Events' });
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-label', /tcp_rcv_established/);
  const labels = await list
    .getByRole('option')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const after = labels.map((l) => Number(/^Step (\d+),/.exec(l)?.[1] ?? 0)).find((s) => s > n);
  expect(after).toBeDefined();
  await list.getByRole('option', { name: new RegExp(`^Step ${after}, `) }).click();
  await atStep(page, after!);
  await expect(stack(page).getByRole('listitem').first()).toContainText('tcp_rcv_established');
  await expect(stack(page)).toContainText('__release_sock');
  await expect(stack(page)).toContainText('entry_SYSCALL_64');
  await expect(stack(page)).toContainText('called from user space (SPDK)');
  await expect(stack(page)).toContainText('reactor_run');
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/eventlog/source-backlog.png' });
});
