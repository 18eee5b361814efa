// Liveness and readiness. /healthz: the process answers. /readyz: knowledge is loaded, an answer worker is
// alive (not while every one is being replaced after a crash: questions would wait), Redis (when configured)
// answers PING, and the process is not draining for shutdown.
import { Router } from 'express';
import type { StateStore } from '../state/index.js';

export interface HealthDeps {
  state: StateStore;
  knowledgeVersion: () => number | null; // null: not loaded yet
  answering?: () => boolean; // an answer worker is alive; absent: answers are computed in this thread
  isDraining?: () => boolean;
  pingTimeoutMs?: number;
}

export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  const timeout = deps.pingTimeoutMs ?? 1000;

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', pid: process.pid, uptime: Math.round(process.uptime()) });
  });

  router.get('/readyz', async (_req, res) => {
    const version = deps.knowledgeVersion();
    const draining = deps.isDraining?.() ?? false;
    const redis = deps.state.kind === 'redis' ? await withTimeout(deps.state.ping(), timeout, false) : null;
    const answering = deps.answering?.() ?? true;
    const checks = {
      knowledge: version !== null ? { ok: true, version } : { ok: false },
      answers: { ok: answering },
      state: { ok: redis !== false, kind: deps.state.kind, ...(deps.state.health?.() ?? {}) },
      draining,
    };
    const ready = checks.knowledge.ok && answering && checks.state.ok && !draining;
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not_ready', pid: process.pid, checks });
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
