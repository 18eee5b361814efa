// Server-rendered SVG charts for the analytics panel. No chart library: three small charts are ~100 lines
// of SVG, served as images (an <img> cannot run script, so the strict CSP stays as it is), identical in
// every browser and in the Chromium screenshots, with nothing to download or keep up to date.
import type { AnalyticsSummary } from './analytics.js';
import { escapeHtml } from './page.js';

export const KIND_COLORS: Record<string, string> = {
  answer: '#1a6b4f',
  route: '#3b7dd8',
  fallback: '#d9822b',
  clarify: '#9b59b6',
  greeting: '#9aa5b1',
};
export const KIND_LABELS: Record<string, string> = {
  answer: '回答',
  route: '窓口案内',
  fallback: '回答できず',
  clarify: '聞き返し',
  greeting: 'あいさつ',
};
const FONT = "font-family='sans-serif'";
const svg = (w: number, h: number, title: string, body: string) =>
  `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ${w} ${h}' width='${w}' height='${h}' role='img'><title>${escapeHtml(title)}</title>${body}</svg>`;

/** Questions per day, stacked by answer kind, with the fallback rate as a line (right axis, 0–100%). */
export function dailyChart(s: AnalyticsSummary): string {
  const W = 720;
  const H = 260;
  const left = 36;
  const right = 40;
  const top = 28;
  const bottom = 36;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...s.perDay.map((d) => d.total));
  const step = plotW / Math.max(1, s.perDay.length);
  const barW = Math.max(1, step * 0.7);
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const parts: string[] = [];
  // axes and grid
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(max * f);
    parts.push(
      `<line x1='${left}' x2='${W - right}' y1='${y(v)}' y2='${y(v)}' stroke='#e3e6ea'/>`,
      `<text x='${left - 4}' y='${y(v) + 4}' text-anchor='end' font-size='11' ${FONT} fill='#555'>${v}</text>`,
      `<text x='${W - right + 4}' y='${top + plotH - f * plotH + 4}' font-size='11' ${FONT} fill='#d9822b'>${f * 100}%</text>`,
    );
  }
  const rate: string[] = [];
  s.perDay.forEach((d, i) => {
    const x = left + i * step + (step - barW) / 2;
    let acc = 0;
    for (const k of Object.keys(KIND_COLORS)) {
      const n = d.kinds[k] ?? 0;
      if (!n) continue;
      parts.push(
        `<rect x='${x.toFixed(1)}' y='${y(acc + n).toFixed(1)}' width='${barW.toFixed(1)}' height='${(y(acc) - y(acc + n)).toFixed(1)}' fill='${KIND_COLORS[k]}'><title>${d.day} ${KIND_LABELS[k]} ${n}</title></rect>`,
      );
      acc += n;
    }
    const r = d.total ? (d.kinds['fallback'] ?? 0) / d.total : 0;
    if (d.total) rate.push(`${(x + barW / 2).toFixed(1)},${(top + plotH - r * plotH).toFixed(1)}`);
    const every = Math.ceil(s.perDay.length / 8);
    if (i % every === 0 || i === s.perDay.length - 1) {
      parts.push(
        `<text x='${(x + barW / 2).toFixed(1)}' y='${H - bottom + 16}' text-anchor='middle' font-size='11' ${FONT} fill='#555'>${d.day.slice(5).replace('-', '/')}</text>`,
      );
    }
  });
  if (rate.length > 1) {
    parts.push(
      `<polyline points='${rate.join(' ')}' fill='none' stroke='#d9822b' stroke-width='2' stroke-dasharray='4 3'/>`,
    );
  }
  // legend
  let lx = left;
  for (const k of Object.keys(KIND_COLORS)) {
    parts.push(
      `<rect x='${lx}' y='8' width='10' height='10' fill='${KIND_COLORS[k]}'/>`,
      `<text x='${lx + 14}' y='17' font-size='11' ${FONT} fill='#333'>${KIND_LABELS[k]}</text>`,
    );
    lx += 14 + (KIND_LABELS[k]?.length ?? 2) * 11 + 12;
  }
  parts.push(
    `<line x1='${lx}' x2='${lx + 16}' y1='13' y2='13' stroke='#d9822b' stroke-width='2' stroke-dasharray='4 3'/>`,
    `<text x='${lx + 20}' y='17' font-size='11' ${FONT} fill='#333'>回答できなかった率（右目盛）</text>`,
  );
  return svg(W, H, `1日あたりの質問数（${s.from}〜${s.to}）`, parts.join(''));
}

/** Horizontal bars: top topics or top unanswered questions. */
export function barChart(title: string, rows: { label: string; count: number }[], color = '#1a6b4f'): string {
  const W = 720;
  const rowH = 24;
  const H = 16 + Math.max(1, rows.length) * rowH;
  const labelW = 300;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const parts: string[] = [];
  if (rows.length === 0) {
    parts.push(`<text x='8' y='28' font-size='13' ${FONT} fill='#777'>この期間のデータはありません</text>`);
  }
  rows.forEach((r, i) => {
    const yy = 8 + i * rowH;
    const label = r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label;
    const w = ((W - labelW - 60) * r.count) / max;
    parts.push(
      `<text x='${labelW - 6}' y='${yy + 15}' text-anchor='end' font-size='12' ${FONT} fill='#333'>${escapeHtml(label)}</text>`,
      `<rect x='${labelW}' y='${yy + 3}' width='${Math.max(1, w).toFixed(1)}' height='${rowH - 8}' fill='${color}'><title>${escapeHtml(r.label)}: ${r.count}</title></rect>`,
      `<text x='${(labelW + w + 6).toFixed(1)}' y='${yy + 15}' font-size='12' ${FONT} fill='#333'>${r.count}</text>`,
    );
  });
  return svg(W, H + 8, title, parts.join(''));
}
