// Real PDFs made in the test: headless Chromium (Debian's package, driven by playwright-core) prints an
// HTML page, as a municipality's office suite would. Japanese text needs fonts-noto-cjk.
import { writeFile } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

export async function launchPdfPrinter(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** Prints `html` to `file` (A4) and returns the file. */
export async function printPdf(browser: Browser, html: string, file: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await writeFile(file, await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await page.close();
  }
  return file;
}

const STYLE =
  'body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;font-size:11pt} table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #333;padding:4px 8px} .page{break-before:page}';

/** A small municipal policy page: a title, prose, a glossary table and a KPI table, in Japanese. */
export function policyHtml(p: {
  title: string;
  issued: string;
  publisher: string;
  glossary: [string, string][];
  kpis: [string, string, string][];
  extraSection?: string; // a further heading with one paragraph (a revision adds one)
  scanOnlyPage?: boolean; // a last page holding only an image: no text layer
}): string {
  const rows = (cells: string[][], tag = 'td') =>
    cells.map((r) => `<tr>${r.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`).join('');
  // a 1×1 grey PNG stretched over the page: what a scanned page is to a text extractor
  const image =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==';
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<h1>${p.title}</h1>
<p>${p.issued} ${p.publisher}</p>
<h2>1. 基本方針</h2>
<p>${p.publisher.slice(0, 3)}は、行かない・書かない・待たない市役所を目指し、窓口のデジタル化を進めます。</p>
<h2>2. 用語集</h2>
<table>${rows([['用語', '解説']], 'th')}${rows(p.glossary)}</table>
<h2>3. 成果指標</h2>
<table>${rows([['指標', '現状値（令和6年度）', '目標値（令和9年度）']], 'th')}${rows(p.kpis)}</table>
<h2>4. 窓口のデジタル化</h2>
<p>住民票の写しはコンビニエンスストアで取得できます。転入届の提出はスマート窓口で受け付けます。</p>
${p.extraSection ? `<h2>5. ${p.extraSection}</h2><p>${p.extraSection}に取り組みます。</p>` : ''}
${p.scanOnlyPage ? `<div class="page"><img src="${image}" style="width:180mm;height:250mm"></div>` : ''}
</body></html>`;
}
