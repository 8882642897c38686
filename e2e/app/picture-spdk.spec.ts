/**
 * The SPDK band of the picture in Chromium: the PDU bar's parts and receive state agree with the
 * Numbers tab step after step; a wrapping readv into the recv pipe is drawn as two arrows;
 * tcp_req cells select by click and by keyboard (without the page's Space shortcut firing).
 * With SPDK_SHOTS=1, also saves screenshots of the band for several presets under /tmp/spdk/.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { C_ALLOC_PIPE, C_PIPE_WRITER_ADVANCE } from '../../sim-core/spdk/sock/codes';
import { columnsOf, ViewCursor, writeIovs } from '../../sim-core/view';
import { recordingOf } from '../../sim-core/view/testkit';
import type { ViewState } from '../../sim-core/view/types';
import { atStep, collectErrors, openApp, position, showTab, stepOf, summary } from './helpers';

const band = (page: Page): Locator => page.getByRole('figure', { name: 'SPDK receive path' });

async function loadPreset(page: Page, id: string): Promise<void> {
  await page.getByLabel('Scenario').selectOption(id);
  await expect(position(page)).toHaveText(/^Step 1 \/ \d+$/, { timeout: 120_000 });
}

interface BandPdu {
  state: string;
  parts: Record<string, { filled: number; len: number }>;
}

/** The PDU as the band draws it: the receive state and each part's "NAME filled of len bytes". */
async function bandPdu(page: Page): Promise<BandPdu> {
  return band(page).evaluate((fig) => {
    const obj = fig.querySelector('.sp-pdu');
    const state = /receive state (\S+)/.exec(obj?.getAttribute('aria-label') ?? '')?.[1] ?? '';
    const parts: Record<string, { filled: number; len: number }> = {};
    for (const g of fig.querySelectorAll('[data-part]')) {
      const m = /^(\S+) (\d+) of (\d+) bytes$/.exec(g.getAttribute('aria-label') ?? '');
      if (m !== null) parts[m[1]!] = { filled: Number(m[2]), len: Number(m[3]) };
    }
    return { state, parts };
  });
}

/** The PDU as the Numbers tab states it. */
async function numbersPdu(page: Page) {
  const text = await summary(page)
    .getByRole('region', { name: /PDU in progress/ })
    .innerText();
  const num = (s: string | undefined) => Number((s ?? 'NaN').replace(/,/g, ''));
  const pair = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d,]+) / ([\\d,]+) B`).exec(text);
    return [num(m?.[1]), num(m?.[2])] as const;
  };
  const state = /Receive state\s+(\S+)/.exec(text)?.[1]?.replace(/^NVME_TCP_PDU_RECV_STATE_/, '') ?? '';
  const type = /Type\s+(.+)/.exec(text)?.[1]?.trim() ?? '';
  return {
    state,
    type,
    ch: pair('Common header'),
    psh: pair('PDU-specific header'),
    payload: pair('Payload'),
  };
}

/** A step of `id` (0-based) where the view passes `test`, found by replaying the preset in Node. */
function stepWhere(id: string, test: (v: ViewState) => boolean, from = 0): number {
  const { trace, keyframes } = recordingOf(id);
  const c = new ViewCursor(trace, keyframes, columnsOf(trace));
  for (let s = from; s < trace.length; s++) if (test(c.viewAt(s))) return s;
  throw new Error(`no step of ${id} passes`);
}

test('write-4k-incapsule: the PDU bar and receive state agree with the Numbers tab, step by step', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page);
  await loadPreset(page, 'write-4k-incapsule');
  await showTab(page, 'Numbers');
  // By PDU: the ICReq, then the CapsuleCmd (the receive machine enters AWAIT_PDU_CH for each).
  await page.getByLabel('Step by').selectOption('pdu');
  const forward = page.getByRole('button', { name: 'Step forward', exact: true });
  for (let i = 0; i < 2; i++) {
    const { n } = await stepOf(page);
    await forward.click();
    await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(n);
    expect((await bandPdu(page)).state).toBe('AWAIT_PDU_CH');
  }
  // Then function by function through the capsule's header and its 4 KiB of data.
  await page.getByLabel('Step by').selectOption('function');
  const seen = new Set<string>();
  let done = false;
  for (let i = 0; i < 400 && !done; i++) {
    const b = await bandPdu(page);
    const m = await numbersPdu(page);
    expect(b.state, `step ${(await stepOf(page)).n}`).toBe(m.state);
    expect(b.parts.CH).toEqual({ filled: m.ch[0], len: 8 });
    if (b.parts.PSH !== undefined) {
      const header = ['PSH', 'HDGST', 'PAD'].map((k) => b.parts[k] ?? { filled: 0, len: 0 });
      expect(header.reduce((s, p) => s + p.filled, 0)).toBe(m.psh[0]);
      // psh_len is set by nvme_tcp_pdu_calc_psh_len, a row after the common header gave hlen.
      if (m.psh[1] > 0) expect(header.reduce((s, p) => s + p.len, 0)).toBe(m.psh[1]);
    }
    if (b.parts.DATA !== undefined && m.payload[1] > 0) {
      expect(b.parts.DATA).toEqual({ filled: Math.min(m.payload[0], m.payload[1]), len: m.payload[1] });
    }
    for (const k of Object.keys(b.parts)) seen.add(k);
    done = m.type === 'CapsuleCmd' && b.parts.DATA !== undefined && b.parts.DATA.filled === b.parts.DATA.len;
    if (!done) {
      const { n } = await stepOf(page);
      await forward.click();
      await expect.poll(async () => (await stepOf(page)).n).toBeGreaterThan(n);
    }
  }
  expect(done).toBe(true);
  expect([...seen].sort()).toEqual(['CH', 'DATA', 'PSH', 'REST']);
  expect(errors).toEqual([]);
});

test('pipe-wrap: a readv whose free space wrapped is drawn as two arrows', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  // The first spdk_pipe_writer_advance that filled two iovecs, found in the recorded trace.
  const { trace } = recordingOf('pipe-wrap');
  let sz = 0;
  let step = -1;
  for (let i = 0; i < trace.length && step < 0; i++) {
    const r = trace.row(i);
    if (r.code === C_ALLOC_PIPE) sz = r.a;
    if (r.code === C_PIPE_WRITER_ADVANCE && writeIovs(r.a, r.b, sz).length === 2) step = i;
  }
  expect(step).toBeGreaterThan(0);
  await openApp(page);
  await loadPreset(page, 'pipe-wrap');
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(step));
  await atStep(page, step + 1);
  const arrows = band(page).locator('.sp-iov');
  await expect(arrows).toHaveCount(2);
  for (const i of [0, 1])
    await expect(arrows.nth(i).locator('path.sp-iov-arrow')).toHaveAttribute('d', /^M.+A/);
  await showTab(page, 'Numbers');
  await expect(summary(page)).toContainText('wrapped: two iovecs');
  // The step before it shows the previous readv, which did not wrap.
  await page.getByLabel('Step by').selectOption('event');
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await atStep(page, step);
  await expect(arrows).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('tcp_req cells select by click and by keyboard; Space on one does not play', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page);
  await loadPreset(page, 'write-4k-incapsule');
  // The last step: the recv pipe exists by then.
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText(/^Step (\d+) \/ \1$/);
  const cells = band(page).locator('.sp-cell');
  await expect(cells).toHaveCount(128);
  await cells.nth(5).click();
  await expect(cells.nth(5)).toHaveAttribute('aria-pressed', 'true');
  await expect(cells.nth(5)).toHaveAttribute('aria-label', /^tcp_req 5, /);
  await showTab(page, 'Inspector');
  await expect(page.getByRole('tabpanel')).toContainText(/tcp_req\s*5|tcp_req 5/);
  // The recv pipe by keyboard (Enter), then a cell by Space: selection moves, the player stays paused.
  const pipe = band(page).locator('.sp-pipe');
  const step = await stepOf(page);
  await pipe.focus();
  await page.keyboard.press('Enter');
  await expect(pipe).toHaveAttribute('aria-pressed', 'true');
  await expect(cells.nth(5)).toHaveAttribute('aria-pressed', 'false');
  await cells.nth(9).focus();
  await page.keyboard.press('Space');
  await expect(cells.nth(9)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(await stepOf(page)).toEqual(step);
  expect(errors).toEqual([]);
});

/** Screenshots to look at (not a check): SPDK_SHOTS=1 saves them under /tmp/spdk/. */
test.describe('screenshots', () => {
  test.skip(!process.env.SPDK_SHOTS, 'set SPDK_SHOTS=1 to save screenshots');
  const shots: { id: string; pick: (v: ViewState) => boolean; after?: number }[] = [
    { id: 'write-4k-incapsule', pick: (v) => v.pdu.type === 'CapsuleCmd' && v.pdu.rwOffset > 0 },
    { id: 'write-128k-r2t', pick: (v) => v.pdu.type === 'H2CData' && v.pdu.rwOffset > v.pdu.dataLen / 3 },
    {
      id: 'pipe-wrap',
      pick: (v) => (v.pipe?.lastWriteIovs.length ?? 0) === 2 && v.pipe!.bytes > 8000,
      after: 4000,
    },
    { id: 'multi-iov-request', pick: (v) => v.pdu.type === 'H2CData' && v.pdu.rwOffset > v.pdu.dataLen / 2 },
  ];
  for (const s of shots) {
    test(s.id, async ({ page }) => {
      test.setTimeout(180_000);
      const step = stepWhere(s.id, s.pick, s.after ?? 0);
      for (const [w, h] of [
        [1920, 1080],
        [1280, 720],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await openApp(page);
        await loadPreset(page, s.id);
        await page.getByRole('slider', { name: 'Timeline' }).fill(String(step));
        await atStep(page, step + 1);
        await band(page).scrollIntoViewIfNeeded();
        await band(page).screenshot({ path: `/tmp/spdk/${s.id}-${w}.png`, animations: 'disabled' });
        await page.screenshot({ path: `/tmp/spdk/${s.id}-${w}-page.png` });
      }
    });
  }
  test('10g-sustained', async ({ page }) => {
    test.setTimeout(300_000);
    await openApp(page);
    await loadPreset(page, '10g-sustained');
    const { m } = await stepOf(page);
    await page.getByRole('slider', { name: 'Timeline' }).fill(String(Math.floor(m / 2)));
    await atStep(page, Math.floor(m / 2) + 1);
    await band(page).screenshot({ path: '/tmp/spdk/10g-sustained-1920.png', animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await band(page).screenshot({ path: '/tmp/spdk/10g-sustained-1920-dark.png', animations: 'disabled' });
  });
});
