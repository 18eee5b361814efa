// End to end in headless Chromium (Debian's package, driven by playwright-core), at desktop width and at
// phone width (390 px): a staff member logs in, holds a three-turn conversation in the preview, clicks a
// postback button (it runs as on LINE), finds a resident's fallback in the unanswered list with personal
// details masked, downloads the CSV, and reads the charts — all in Japanese. Desktop also runs the
// regression suite and a failing reload. Screenshots: test-results/console-desktop.png, console-phone.png.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../console/harness.js';

const TOKEN = 'e2e-staff-token-abcdefghijklmnop';
const RESULTS = resolve(import.meta.dirname, '../../test-results');
const XSS = '<img src=x onerror="window.__xss=1">住民票は?';

describe('staff console in Chromium', () => {
  let h: Harness;
  let userDataDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    h = await startHarness({ token: TOKEN });
    await h.state.recordUnanswered(XSS, 'koganei', { reason: 'fallback' });
    userDataDir = await mkdtemp(join(tmpdir(), 'madoguchi-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--lang=ja-JP',
      ],
      acceptDownloads: true,
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
    });
    await mkdir(RESULTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await h?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // the failed reload's 422 is expected; anything else is a defect
      if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
    });
    return errors;
  }

  async function login(page: Page) {
    await page.context().clearCookies();
    await page.goto(`${h.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(await page.locator('button[type=submit]').textContent()).toBe('ログイン');
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(`${h.url}/console`), page.click('button[type=submit]')]);
  }

  const you = (page: Page) => page.locator('#preview .chat-row.you');
  const bot = (page: Page) => page.locator('#preview .chat-row.bot');

  async function say(page: Page, text: string) {
    const before = await bot(page).count();
    await page.fill('#question', text);
    await page.click('#ask');
    await expect.poll(() => bot(page).count(), { timeout: 20_000 }).toBeGreaterThan(before);
    return bot(page).last();
  }

  // The flow staff go through, at one width; returns nothing, asserts as it goes.
  async function staffFlow(page: Page, width: string) {
    await login(page);
    // in Japanese: the panels and buttons staff use
    for (const heading of [
      '会話プレビュー',
      'この回答になった理由',
      '未回答の質問',
      '利用状況',
      '回帰テスト',
      'ナレッジ',
    ]) {
      expect(await page.locator('h2', { hasText: heading }).count(), heading).toBe(1);
    }
    expect(await page.locator('#ask').textContent()).toBe('送信');
    expect(await page.locator('#reset').textContent()).toBe('会話をリセット');

    // three turns, one conversation: the follow-up is read against the earlier turn
    await page.selectOption('#municipality', 'nishitokyo');
    const first = await say(page, '書かない窓口とは');
    expect(await first.textContent()).toContain('書かない');
    await expect.poll(() => page.locator('#why').textContent()).toContain('この回答を選んだ理由');
    await say(page, 'いつから始まったの？');
    const third = await say(page, '住民票をコンビニで取りたい');
    expect(await you(page).count()).toBe(3);
    expect(await you(page).allTextContents()).toEqual([
      '書かない窓口とは',
      'いつから始まったの？',
      '住民票をコンビニで取りたい',
    ]);
    // the route: the usable channel is the primary button; no 「未実施」 anywhere
    expect(await third.locator('.fx-button.fx-primary').first().textContent()).toBe('コンビニ交付');
    expect(await third.textContent()).not.toContain('未実施');

    // a postback button runs as on LINE: 出典を見る answers with the sources
    await third.locator('.fx-button', { hasText: '出典を見る' }).click();
    await expect.poll(() => you(page).count(), { timeout: 20_000 }).toBe(4);
    expect(await you(page).last().textContent()).toBe('出典を見る');
    await expect.poll(() => bot(page).last().textContent(), { timeout: 20_000 }).toContain('出典 1/');

    // a resident-like question that cannot be answered, with personal details
    const fallback = await say(page, '私は山田花子です。電話は090-1234-5678。明日の天気は？');
    expect(await fallback.textContent()).toContain('見つかりませんでした');
    await expect.poll(() => page.locator('#why').textContent()).toContain('回答できなかった理由');

    // reset: a new conversation
    await page.click('#reset');
    expect(await you(page).count()).toBe(0);

    // the unanswered list: masked, with the resident's markup shown as text
    await page.selectOption('#u-days', '');
    await page.selectOption('#u-handled', '');
    await page.click('#refresh-unanswered');
    const list = page.locator('#unanswered tbody');
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .toContain('私は［氏名］です。電話は［電話番号］。明日の天気は?');
    expect(await list.textContent()).not.toContain('090');
    expect(await list.textContent()).toContain(XSS);
    expect(await page.locator('#unanswered img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await list.textContent()).toContain('西東京市');

    // the CSV download: UTF-8 with a BOM, masked
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    expect(download.suggestedFilename()).toMatch(/^unanswered-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^質問（個人情報は伏せ字）,自治体,/);
    expect(text).toContain('［電話番号］');
    expect(text).not.toContain('山田');

    // the charts: rendered SVG images with today's questions counted
    await page.selectOption('#a-days', '7');
    await expect
      .poll(() => page.locator('#analytics-summary').textContent(), { timeout: 10_000 })
      .toMatch(/質問数[1-9]\d*件/);
    for (const id of ['#chart-daily', '#chart-topics', '#chart-unanswered']) {
      await expect
        .poll(() => page.locator(id).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
    }
    // nothing runs off the side of the page
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow, `${width}: horizontal overflow`).toBeLessThanOrEqual(0);
  }

  it('desktop (1280 px): login, conversation, postback, unanswered list, CSV, charts, regression, reload', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await staffFlow(page, 'desktop');

    await page.click('#run-regression');
    await expect.poll(() => page.locator('#regression-total').textContent(), { timeout: 120_000 }).toMatch(/^合格 /);
    const total = await page.locator('#regression-total').textContent();
    const [, passed, all] = /^合格 (\d+)\/(\d+)/.exec(total ?? '') ?? [];
    expect(Number(all)).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#regression tbody tr').count()).toBe(Number(all));
    expect(await page.locator('#regression tbody tr.fail').count()).toBe(Number(all) - Number(passed));
    await expect.poll(() => page.locator('#counts tbody tr').count()).toBe(5);

    // a broken edit (on the temp copy), reloaded from the page: the error shows with file:line and
    // version 1 keeps serving
    await h.edit('knowledge/synonyms.yaml', (t) => `${t.trimEnd()}\n  - terms: [ひとつだけ]\n`);
    await page.click('#reload');
    await expect.poll(() => page.locator('#reload-errors li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('#reload-errors li').first().textContent()).toMatch(/^knowledge\/synonyms\.yaml:\d+/);
    expect(await page.locator('#status').textContent()).toContain('失敗');
    expect(h.store.current().version).toBe(1);
    await h.edit('knowledge/synonyms.yaml', (t) => t.replace(/\n {2}- terms: \[ひとつだけ\]\n$/, '\n'));

    await page.screenshot({ path: join(RESULTS, 'console-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 240_000);

  it('phone (390 px): the same flow fits the screen', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await staffFlow(page, 'phone');
    await page.screenshot({ path: join(RESULTS, 'console-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
