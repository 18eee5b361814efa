// End to end in headless Chromium (Debian's package, driven by playwright-core): a staff member logs
// in, asks 「書かない窓口とは」 and sees the answer with its source, runs the regression suite from the
// page, and a resident's markup in the unanswered log stays text. Saves test-results/console.png.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../console/harness.js';

const TOKEN = 'e2e-staff-token-abcdefghijklmnop';
const SCREENSHOT = resolve(import.meta.dirname, '../../test-results/console.png');
const XSS = '<img src=x onerror="window.__xss=1">住民票は?';

describe('staff console in Chromium', () => {
  let h: Harness;
  let context: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    h = await startHarness({ token: TOKEN });
    await h.state.recordUnanswered(XSS, 'koganei');
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
      ],
      viewport: { width: 1280, height: 1000 },
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await h?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('logs in, asks, sees the answer and its source, runs the regression suite', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // the failed reload's 422 is expected; anything else is a defect
      if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
    });

    await page.goto(`${h.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(`${h.url}/console`), page.click('button[type=submit]')]);

    // a figure from one document: the debug panel lists the hits with scores and matched fields
    await page.fill('#question', '東久留米市のマイナンバーカードの保有率は');
    await page.click('#ask');
    await expect.poll(() => page.locator('#hits tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('#hits tbody tr').first().locator('td').nth(3).textContent()).toMatch(/^\d+\.\d\d$/);
    expect(await page.locator('#debug').textContent()).toContain('number');

    await page.selectOption('#municipality', 'higashikurume');
    await page.fill('#question', '書かない窓口とは');
    await page.click('#ask');
    await expect.poll(() => page.locator('#preview .chat-row.you').textContent()).toBe('書かない窓口とは');
    const bubble = page.locator('#preview .chat-row.bot').first();
    await bubble.waitFor({ timeout: 15_000 });
    expect(await bubble.textContent()).toContain('書かない');
    await expect.poll(() => page.locator('#sources li').count()).toBeGreaterThan(0);
    expect(await page.locator('#sources li').first().textContent()).toMatch(/\S/);
    expect(await page.locator('#answer-meta').textContent()).toMatch(/^kind answer/);
    expect(await page.locator('#debug').textContent()).toContain('intent');

    // a resident's markup in the unanswered log is shown as text, never run
    await expect.poll(() => page.locator('#unanswered tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#unanswered tbody').textContent()).toContain(XSS);
    expect(await page.locator('#unanswered img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();

    await page.click('#run-regression');
    await expect.poll(() => page.locator('#regression-total').textContent(), { timeout: 60_000 }).toMatch(/^passed /);
    const total = await page.locator('#regression-total').textContent();
    const [, passed, all] = /^passed (\d+)\/(\d+)/.exec(total ?? '') ?? [];
    expect(Number(all)).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#regression tbody tr').count()).toBe(Number(all));
    expect(await page.locator('#regression tbody tr.fail').count()).toBe(Number(all) - Number(passed));

    // the knowledge panel is filled in
    await expect.poll(() => page.locator('#counts tbody tr').count()).toBe(5);

    // a broken edit (on the temp copy), reloaded from the page: the error shows with file:line and
    // version 1 keeps serving
    await h.edit('knowledge/synonyms.yaml', (t) => `${t.trimEnd()}\n  - terms: [ひとつだけ]\n`);
    await page.click('#reload');
    await expect.poll(() => page.locator('#reload-errors li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('#reload-errors li').first().textContent()).toMatch(/^knowledge\/synonyms\.yaml:\d+/);
    expect(await page.locator('#status').textContent()).toContain('FAILED');
    expect(h.store.current().version).toBe(1);

    await mkdir(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
