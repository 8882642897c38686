/**
 * The Inspector tab: the PDU in progress when nothing is selected, the same text at a step
 * however it is reached, a hex view whose bytes name their field on hover, focus and from the
 * field table, objects picked in the picture, and an object that is gone at a step.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { atStep, collectErrors, openApp, position, showTab, stepOf } from './helpers';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp/inspector';

// Several tests walk tens of steps one by one, each a worker round trip: on a busy machine that
// can pass the default minute.
test.describe.configure({ timeout: 150_000 });

const inspector = (page: Page): Locator => page.getByRole('region', { name: 'Inspector' });
const hexGrid = (page: Page): Locator => inspector(page).getByRole('grid', { name: 'Bytes' });
const hexInfo = (page: Page): Locator => inspector(page).locator('.hex-info');

/** Waits until the status reads step n and the inspector shows that step (its answer is in). */
async function settled(page: Page, n: number): Promise<void> {
  await atStep(page, n);
  await expect(inspector(page).locator('.insp-at')).toHaveText(`at step ${n}`);
  await expect(inspector(page)).toHaveAttribute('aria-busy', 'false');
}

/** Status and inspector text together. */
async function shownNow(page: Page): Promise<string> {
  return `${await position(page).innerText()}\n${await inspector(page).innerText()}`;
}

async function stepBy(page: Page, label: string): Promise<void> {
  await page.getByLabel('Step by').selectOption({ label });
}

/** Steps forward by PDU until the PDU in progress shows header bytes. */
async function toPduHeader(page: Page): Promise<number> {
  await stepBy(page, 'PDU');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await stepBy(page, 'Event');
  for (let k = 0; k < 80; k++) {
    const { n } = await stepOf(page);
    await settled(page, n);
    if ((await inspector(page).locator('td.hx').count()) >= 16) return n;
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await atStep(page, n + 1);
  }
  throw new Error('no PDU header bytes within 80 steps');
}

test('on load the inspector shows the PDU in progress, and says nothing is selected', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await settled(page, 1);
  await expect(inspector(page).getByRole('heading', { level: 3 })).toContainText('PDU in progress');
  await expect(inspector(page)).toContainText('Nothing selected: showing the PDU in progress.');
  await expect(inspector(page).getByRole('rowheader', { name: 'recv_state' })).toBeVisible();
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-load.png` });
  expect(errors).toEqual([]);
});

test('stepping forward N then back N shows identical inspector text at every step', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  const start = await toPduHeader(page);
  const N = 24;
  const there: string[] = [];
  for (let k = 0; k <= N; k++) {
    await settled(page, start + k);
    there.push(await shownNow(page));
    if (k < N) await page.keyboard.press('ArrowRight');
  }
  // Going on and coming back: each step is reached from the other side now.
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press('ArrowRight');
    await settled(page, start + N + k + 1);
  }
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press('ArrowLeft');
    await settled(page, start + N + 5 - k);
  }
  for (let k = N; k >= 0; k--) {
    await settled(page, start + k);
    expect(await shownNow(page), `step ${start + k}`).toBe(there[k]);
    if (k > 0) await page.keyboard.press('ArrowLeft');
  }
  expect(there.some((t) => t.includes('ch.plen'))).toBe(true);
  expect(new Set(there).size).toBeGreaterThan(3);
  expect(errors).toEqual([]);
});

test('hovering a hex byte names its field and highlights all of its bytes; the field table does too', async ({
  page,
}) => {
  await openApp(page);
  const n = await toPduHeader(page);
  const cells = inspector(page).locator('td.hx');
  // Byte 4 is the first of ch.plen (4 bytes).
  await cells.nth(4).hover();
  await expect(hexInfo(page)).toContainText('ch.plen (4 bytes)');
  await expect(inspector(page).locator('td.hx.hl')).toHaveCount(4);
  await cells.nth(0).hover();
  await expect(hexInfo(page)).toContainText('ch.pdu_type (1 byte)');
  await expect(inspector(page).locator('td.hx.hl')).toHaveCount(1);
  await page.mouse.move(0, 0);

  // A field row's button highlights its bytes (like Wireshark's tree and bytes panes).
  const plen = inspector(page).getByRole('button', { name: 'ch.plen', exact: true });
  await plen.click();
  await expect(plen).toHaveAttribute('aria-pressed', 'true');
  await expect(inspector(page).locator('td.hx.hl')).toHaveCount(4);
  await expect(hexInfo(page)).toContainText('ch.plen');
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-field-pinned.png` });
  // Readable and valid in both schemes, with bytes highlighted and the grid focused.
  await hexGrid(page).focus();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('.inspector').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  }
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await plen.click();
  await expect(inspector(page).locator('td.hx.hl')).toHaveCount(0);
  await atStep(page, n);
});

test('the hex grid is one keyboard stop: arrows move between bytes and do not step the player', async ({
  page,
}) => {
  await openApp(page);
  const n = await toPduHeader(page);
  await hexGrid(page).focus();
  await expect(hexInfo(page)).toContainText('ch.pdu_type');
  await page.keyboard.press('ArrowRight');
  await expect(hexInfo(page)).toContainText('ch.flags');
  await page.keyboard.press('End');
  await expect(hexInfo(page)).toContainText('Byte 000f');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(hexInfo(page)).toContainText('ch.pdu_type');
  await page.keyboard.press('ArrowDown');
  await expect(hexInfo(page)).toContainText('Byte 0010');
  // Enter picks the field of the active byte: its row in the table is pressed.
  await page.keyboard.press('Enter');
  const picked = inspector(page).locator('.field-link[aria-pressed="true"]');
  await expect(picked).toHaveCount(1);
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-keyboard.png` });
  await page.keyboard.press('Escape');
  await expect(picked).toHaveCount(0);
  expect((await stepOf(page)).n).toBe(n);
  // Outside the grid the arrows step again.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await atStep(page, n + 1);
});

test('objects picked in the picture are inspected: the recv pipe, a tcp_req, a ring descriptor', async ({
  page,
}) => {
  await openApp(page);
  await stepBy(page, 'PDU');
  for (let k = 0; k < 3; k++) {
    const { n } = await stepOf(page);
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect(position(page)).not.toHaveText(new RegExp(`^Step ${n} /`));
  }
  const { n } = await stepOf(page);

  await page.getByRole('button', { name: /^recv pipe/ }).click();
  await settled(page, n);
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText('recv_pipe (spdk_pipe)');
  await expect(inspector(page).getByRole('rowheader', { name: 'sz', exact: true })).toBeVisible();
  await expect(inspector(page).getByRole('rowheader', { name: 'full', exact: true })).toBeVisible();

  await page
    .getByRole('button', { name: /^tcp_req 0\b/ })
    .first()
    .click();
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText('tcp_req 0');
  await expect(inspector(page).getByRole('rowheader', { name: 'state', exact: true })).toBeVisible();
  await expect(inspector(page).locator('td.hx')).not.toHaveCount(0);
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-req.png` });

  await page.getByRole('button', { name: 'Show the PDU in progress' }).click();
  await expect(inspector(page).getByRole('heading', { level: 3 })).toContainText('PDU in progress');

  // The ring takes focus on the slot the driver cleans next; its arrow keys pick another.
  await page.getByLabel(/^igb RX ring:/).focus();
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText(/^rx descriptor \d+$/);
  await expect(inspector(page).getByRole('rowheader', { name: 'wb.upper.status_error' })).toBeVisible();
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-slot.png` });
  expect((await stepOf(page)).n).toBe(n);
});

test('a selected PDU that is gone at a step says so plainly, stays selected, and is back a step later', async ({
  page,
}) => {
  await openApp(page);
  await toPduHeader(page);
  const { n } = await stepOf(page);
  await page
    .getByRole('button', { name: /^PDU (?!whose)/ })
    .first()
    .click();
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText(/^PDU #\d+$/);
  const title = await inspector(page).getByRole('heading', { level: 3 }).innerText();
  const before = await inspector(page).innerText();

  await stepBy(page, 'PDU');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(position(page)).not.toHaveText(new RegExp(`^Step ${n} /`));
  await expect(inspector(page)).toHaveAttribute('aria-busy', 'false');
  await expect(inspector(page).locator('.insp-summary.missing')).toContainText(
    'is not the PDU in progress at this step',
  );
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText(title);
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-gone.png` });

  // Back to where the PDU was in progress: by event steps, to exactly step n.
  await stepBy(page, 'Event');
  await page.getByRole('button', { name: 'Step back', exact: true }).focus();
  for (let k = 0; k < 400 && (await stepOf(page)).n > n; k++) {
    const m = (await stepOf(page)).n;
    await page.keyboard.press('Enter');
    await atStep(page, m - 1);
  }
  await settled(page, n);
  expect(await inspector(page).innerText()).toBe(before);
});

test('an skb picked in the picture shows its fields and struck-through bytes, and is reported gone once consumed', async ({
  page,
}) => {
  await openApp(page);
  const lane = page.getByRole('button', { name: /^sk_receive_queue: 1 skb,/ });
  for (let k = 0; k < 80 && (await lane.count()) === 0; k++) {
    const { n } = await stepOf(page);
    await page.keyboard.press('ArrowRight');
    await atStep(page, n + 1);
  }
  const { n } = await stepOf(page);
  // The lane as a whole is the queue; its arrow keys pick an skb in it.
  await lane.focus();
  await page.keyboard.press('Enter');
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText('sk->sk_receive_queue');
  await expect(inspector(page).getByRole('rowheader', { name: '[0] skb #', exact: false })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  const heading = inspector(page).getByRole('heading', { level: 3 });
  await expect(heading).toHaveText(/^skb #\d+$/);
  const title = await heading.innerText();
  await expect(inspector(page).getByRole('rowheader', { name: 'TCP_SKB_CB(skb)->end_seq' })).toBeVisible();
  await expect(inspector(page).getByRole('row', { name: /^where sk->sk_receive_queue/ })).toBeVisible();
  // Its headers were pulled on the way up: struck through, and said why.
  await expect(inspector(page).locator('td.hx.gone')).not.toHaveCount(0);
  await expect(inspector(page).locator('.hex-legend')).toContainText('pulled');
  await inspector(page).locator('td.hx').nth(38).hover();
  await expect(hexInfo(page)).toContainText('TCP › tcp.seq (4 bytes), consumed');
  await inspector(page).screenshot({ path: `${SHOTS}/inspector-skb.png` });
  expect((await stepOf(page)).n).toBe(n);

  // Step on until tcp_recvmsg has consumed it: the inspector says so and keeps the selection.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  const gone = inspector(page).locator('.insp-summary.missing');
  for (let k = 0; k < 80 && (await gone.count()) === 0; k++) {
    const m = (await stepOf(page)).n;
    await page.keyboard.press('ArrowRight');
    await settled(page, m + 1);
  }
  await expect(gone).toContainText('not present at this step');
  await expect(heading).toHaveText(title);
  const m = (await stepOf(page)).n;
  await page.keyboard.press('ArrowLeft');
  await settled(page, m - 1);
  await expect(gone).toHaveCount(0);
  await expect(heading).toHaveText(title);
});

test('a 2 KiB hex view keeps only the rows in sight in the page, and the keyboard still reaches every byte', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByLabel('Scenario').selectOption('write-128k-r2t');
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 30_000 });
  // Run to the H2CData payload (the breakpoint first stops at the Connect capsule's data), then on by packets.
  await showTab(page, 'Breakpoints');
  await page.getByLabel('Condition').selectOption('recv-state');
  await page.getByLabel('State', { exact: true }).selectOption('NVME_TCP_PDU_RECV_STATE_AWAIT_PDU_PAYLOAD');
  await page.getByRole('button', { name: 'Add breakpoint' }).click();
  const caption = inspector(page).locator('.hex-caption');
  const title = inspector(page).getByRole('heading').first();
  for (let i = 0; i < 8; i++) {
    const { n } = await stepOf(page);
    await showTab(page, 'Breakpoints');
    await page.getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(n);
    await showTab(page, 'Inspector');
    await expect(title).toBeVisible();
    if (/H2CData/.test((await inspector(page).textContent()) ?? '')) break;
  }
  await page.getByLabel('Step by').selectOption('packet');
  for (let i = 0; i < 30 && !/first 2048/.test((await caption.textContent()) ?? ''); i++) {
    const { n } = await stepOf(page);
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect(position(page)).not.toHaveText(new RegExp(`^Step ${n} / `));
  }
  await expect(caption).toContainText('first 2048');
  const rows = hexGrid(page).locator('tr[data-row]');
  const inDom = await rows.count();
  expect(inDom).toBeGreaterThan(8);
  expect(inDom).toBeLessThan(128);
  await hexGrid(page).focus();
  await page.keyboard.press('Control+End');
  await expect(hexInfo(page)).toContainText('Byte 07ff');
  await expect(hexGrid(page).locator('tr[data-row="127"]')).toBeVisible();
  await page.keyboard.press('Control+Home');
  await expect(hexInfo(page)).toContainText('Byte 0000');
  await expect(hexGrid(page).locator('tr[data-row="0"]')).toBeVisible();
});
