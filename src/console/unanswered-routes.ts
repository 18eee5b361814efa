// The console's unanswered log and analytics endpoints: list with filters, CSV (UTF-8 with BOM so Excel
// reads it), mark handled, delete, a draft FAQ entry, and the analytics summary with its SVG charts.
import express, { type Request, type RequestHandler, type Router } from 'express';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { StateStore, UnansweredEntry, UnansweredFilter } from '../state/index.js';
import { parsePeriod, parseScope, summarize } from './analytics.js';
import { barChart, dailyChart } from './charts.js';

export interface UnansweredRoutesOptions {
  state: StateStore;
  municipalities: () => { id: string; name: string }[];
  csrf: RequestHandler;
  now: () => number;
  beforeList?: () => Promise<unknown>; // the retention purge, so nothing past it is ever shown
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MarkSchema = z.object({ handled: z.boolean() });
const ID = /^[0-9a-f]{16}$/;

export const REASON_LABELS: Record<string, string> = {
  fallback: '資料に見つからない',
  'low-confidence': '確信度が低い',
  'not-stated': '資料に記載なし',
  'no-topic': '話題がわからない',
  'outside-coverage': '対象外の質問',
  'low-coverage': '語句の一致が少ない',
};

function filterOf(req: Request, ids: string[], now: number): UnansweredFilter {
  const q = req.query;
  const f: UnansweredFilter = {};
  const scope = parseScope(q['municipality'], ids);
  if (scope) f.municipality = scope;
  if (typeof q['reason'] === 'string' && q['reason']) f.reason = q['reason'].slice(0, 40);
  const days = Number(q['days']);
  if (Number.isFinite(days) && days > 0) f.since = now - days * DAY_MS;
  for (const k of ['since', 'until'] as const) {
    const v = q[k];
    if (typeof v === 'string' && v) {
      const t = Date.parse(v.length === 10 ? `${v}T00:00:00+09:00` : v);
      if (!Number.isNaN(t)) f[k] = k === 'until' && v.length === 10 ? t + DAY_MS : t;
    }
  }
  if (typeof q['q'] === 'string' && q['q'].trim()) f.search = q['q'].slice(0, 200);
  if (q['handled'] === 'yes') f.handled = true;
  if (q['handled'] === 'no') f.handled = false;
  return f;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be run as a formula by Excel: quote it as text
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function unansweredCsv(entries: UnansweredEntry[], names: Map<string, string>): string {
  const header = [
    '質問（個人情報は伏せ字）',
    '自治体',
    '聞かれたこと',
    '話題',
    '理由',
    '回数',
    '初回',
    '最終',
    '対応済み',
    'チャネル',
    'ID',
  ];
  const lines = entries.map((e) =>
    [
      e.text,
      e.municipality ? (names.get(e.municipality) ?? e.municipality) : '（未選択）',
      e.attribute,
      e.topic,
      e.reason ? (REASON_LABELS[e.reason] ?? e.reason) : '',
      e.count,
      e.firstSeen,
      e.lastSeen,
      e.handled ? '済' : '',
      e.channel,
      e.id,
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export function faqDraft(entry: UnansweredEntry): string {
  const item: Record<string, unknown> = { id: `draft-${entry.id.slice(0, 8)}` };
  if (entry.municipality) item['municipality'] = entry.municipality;
  item['questions'] = [entry.text];
  item['answer'] = '（ここに回答を書いてください。資料の該当箇所を引用し、LINEの吹き出し1つに収まる長さで）';
  item['source'] = { document: '（文書ID: knowledge/documents.yaml）', section: '（見出し）' };
  return [
    '# FAQの下書き（未回答ログから作成）。id・回答・出典を埋めてから knowledge/faq.yaml の faq: に加え、',
    '# `npm run knowledge:check` で確かめてからコミットしてください。',
    `# 元の質問: ${entry.count}回、最終 ${entry.lastSeen}${entry.reason ? `、理由 ${entry.reason}` : ''}`,
    stringify({ faq: [item] }).trimEnd(),
    '',
  ].join('\n');
}

export function createUnansweredRoutes(options: UnansweredRoutesOptions): Router {
  const { state, csrf, now } = options;
  const router = express.Router();
  const json = express.json({ limit: '4kb' });
  const ids = () => options.municipalities().map((m) => m.id);

  const list = async (req: Request, max: number) => {
    await options.beforeList?.();
    const sort = req.query['sort'] === 'recent' ? 'recent' : 'frequent';
    const limit = Math.min(Math.max(Number(req.query['limit']) || max, 1), max);
    return { sort, entries: await state.listUnanswered(limit, sort, filterOf(req, ids(), now())) } as const;
  };

  router.get('/console/api/unanswered', async (req, res) => {
    res.json({ ...(await list(req, 500)), reasons: REASON_LABELS });
  });

  router.get('/console/api/unanswered.csv', async (req, res) => {
    const { entries } = await list(req, 5000);
    const names = new Map(options.municipalities().map((m) => [m.id, m.name]));
    const day = new Date(now() + 9 * 3600_000).toISOString().slice(0, 10);
    res.type('text/csv; charset=utf-8').attachment(`unanswered-${day}.csv`).send(unansweredCsv(entries, names));
  });

  const find = async (id: string) => (await state.listUnanswered(5000, 'recent')).find((e) => e.id === id);

  router.get('/console/api/unanswered/:id/faq.yaml', async (req, res) => {
    const id = String(req.params['id']);
    const entry = ID.test(id) ? await find(id) : undefined;
    if (!entry) {
      res.status(404).json({ error: 'console: no such unanswered entry' });
      return;
    }
    res.type('text/yaml; charset=utf-8').send(faqDraft(entry));
  });

  router.post('/console/api/unanswered/:id/handled', csrf, json, async (req, res) => {
    const body = MarkSchema.safeParse(req.body);
    const id = String(req.params['id']);
    if (!body.success || !ID.test(id)) {
      res.status(400).json({ error: 'console: send {"handled": true|false} for an entry id' });
      return;
    }
    const ok = await state.markUnanswered(id, body.data.handled);
    res.status(ok ? 200 : 404).json(ok ? { id, handled: body.data.handled } : { error: 'console: no such entry' });
  });

  router.delete('/console/api/unanswered/:id', csrf, async (req, res) => {
    const id = String(req.params['id']);
    const ok = ID.test(id) && (await state.deleteUnanswered(id));
    res.status(ok ? 200 : 404).json(ok ? { id, deleted: true } : { error: 'console: no such entry' });
  });

  const summary = async (req: Request) => {
    await options.beforeList?.();
    return summarize(state, parsePeriod(req.query['days']), parseScope(req.query['municipality'], ids()), now());
  };

  router.get('/console/api/analytics', async (req, res) => {
    res.json(await summary(req));
  });

  router.get('/console/api/charts/:name', async (req, res) => {
    const s = await summary(req);
    let body: string;
    switch (req.params['name']) {
      case 'daily.svg':
        body = dailyChart(s);
        break;
      case 'topics.svg':
        body = barChart(
          'よく聞かれた話題',
          s.topTopics.map((t) => ({ label: t.topic, count: t.count })),
        );
        break;
      case 'unanswered.svg':
        body = barChart(
          '回答できなかった質問（多い順）',
          s.topUnanswered.map((u) => ({ label: u.text, count: u.count })),
          '#d9822b',
        );
        break;
      default:
        res.status(404).json({ error: 'console: no such chart' });
        return;
    }
    res.type('image/svg+xml; charset=utf-8').send(body);
  });

  return router;
}
