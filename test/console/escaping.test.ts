// Residents' text reaches the console as data, never as markup: the server never templates it into
// HTML, answers it as JSON only, and the page's scripts only ever use textContent.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, loginPage } from '../../src/console/page.js';
import { type Harness, startHarness } from './harness.js';

const PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script>';

describe('escaping', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.state.recordUnanswered(PAYLOAD, 'hinode');
  }, 180_000);
  afterAll(() => h.close());

  it('keeps residents’ text out of the page HTML and serves it as JSON (nosniff)', async () => {
    const page = await (await fetch(`${h.url}/console`)).text();
    expect(page).not.toContain('onerror');
    const res = await fetch(`${h.url}/console/api/unanswered?sort=recent`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { entries: { text: string }[] };
    expect(body.entries.map((e) => e.text)).toContain(PAYLOAD);
  });

  it('answers a question full of markup as JSON, echoing nothing into HTML', async () => {
    const res = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: PAYLOAD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('rejects bodies that are not a question', async () => {
    for (const body of [
      {},
      { question: '' },
      { question: 'x'.repeat(5001) }, // LINE's own limit is 5,000
      { question: 'a', municipality: 'tokyo' },
    ]) {
      const res = await fetch(`${h.url}/console/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
  });

  it('page scripts never parse strings as HTML', async () => {
    for (const file of ['console.js', 'flex.js']) {
      const src = await readFile(resolve(import.meta.dirname, '../../src/console/public', file), 'utf8');
      expect(src, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });

  it('escapes what the server does template', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(loginPage('<b>')).toContain('&lt;b&gt;');
  });
});
