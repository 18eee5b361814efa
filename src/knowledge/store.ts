// The snapshot store: holds the knowledge snapshot and whatever is built from it (the index, the
// engine) behind ONE reference. A reload loads and builds off the request path and swaps that
// reference only when both succeed; a failure keeps the last good value serving and records why.
import { relative } from 'node:path';
import { formatKnowledgeError, KnowledgeLoadError } from './errors.js';
import type { KnowledgeError, KnowledgeSnapshot, LoadResult, MunicipalityId } from './model.js';
import { type Watcher, watchFiles } from './watch.js';

// The slice of pino the store uses; any pino logger fits.
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface StoreCurrent<T> {
  snapshot: KnowledgeSnapshot;
  value: T;
  version: number;
  loadedAt: string;
}

export interface ReloadOutcome {
  ok: boolean;
  reason: string;
  at: string; // ISO time the reload finished
  ms: number;
  version: number; // the version serving after the reload
  previousVersion: number;
  changed: boolean; // false when the inputs' hash did not change (the value is rebuilt anyway)
  errors: KnowledgeError[];
}

export interface MunicipalityCounts {
  documents: number;
  sections: number;
  passages: number;
  glossary: number;
  faq: number;
}

export interface StoreStatus {
  version: number;
  loadedAt: string;
  hash: string;
  files: string[];
  countsPerMunicipality: Record<MunicipalityId, MunicipalityCounts>;
  questionSets: { file: string; items: number }[];
  lastReload: { at: string; ok: boolean; reason: string; errors: KnowledgeError[]; ms: number } | null;
  watching: string[];
}

export interface KnowledgeStore<T> {
  current(): StoreCurrent<T>;
  reload(reason: string): Promise<ReloadOutcome>;
  status(): StoreStatus;
  watch(paths: string[], options?: { debounceMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export interface KnowledgeStoreOptions<T> {
  load: () => Promise<LoadResult>;
  build: (snapshot: KnowledgeSnapshot) => Promise<T>;
  logger: StoreLogger;
  onReload?: (outcome: ReloadOutcome) => void;
}

/** Documents, sections, passages, glossary entries and FAQ per municipality (the console's status). */
export function countsOf(snapshot: KnowledgeSnapshot): Record<MunicipalityId, MunicipalityCounts> {
  const ids = snapshot.municipalities.map((m) => m.id);
  const counts: Record<MunicipalityId, MunicipalityCounts> = Object.fromEntries(
    ids.map((m) => [m, { documents: 0, sections: 0, passages: 0, glossary: 0, faq: 0 }]),
  );
  for (const d of snapshot.documents) {
    const c = counts[d.meta.municipality];
    if (!c) continue;
    c.documents++;
    c.sections += d.sections.length;
  }
  for (const p of snapshot.passages) {
    const c = counts[p.municipality];
    if (c) c.passages++;
  }
  for (const g of snapshot.glossary) {
    const c = counts[g.municipality];
    if (c) c.glossary++;
  }
  for (const f of snapshot.faq) {
    // an FAQ without a municipality applies to all of them
    for (const m of f.municipality ? [f.municipality] : ids) {
      const c = counts[m];
      if (c) c.faq++;
    }
  }
  return counts;
}

function errorsOf(error: unknown): KnowledgeError[] {
  if (error instanceof KnowledgeLoadError) return error.errors;
  const message = error instanceof Error ? error.message : String(error);
  return [{ file: '(build)', message }];
}

export interface ReloadRunnerOptions {
  logger: StoreLogger;
  onReload?: (outcome: ReloadOutcome) => void;
  version: () => number; // the version serving now
  // Loads, builds and swaps in the new value; throws (the old value still serving) when it cannot.
  swap: () => Promise<{ at: string; version: number; changed: boolean; log?: object }>;
}

/**
 * One reload at a time, recorded and logged the same way by every store. Coalescing: while one reload runs,
 * every further request shares ONE queued reload that starts when the running one ends (it must re-read
 * files that may have changed after the first began).
 */
/** What a store reports of its current snapshot and its reloads (the knowledge store and the serving store). */
export function storeStatus(
  current: {
    version: number;
    loadedAt: string;
    snapshot: { hash: string; files: string[]; questionSets: readonly { file: string; items: readonly unknown[] }[] };
  },
  counts: StoreStatus['countsPerMunicipality'],
  reloads: { last(): StoreStatus['lastReload']; watching(): string[] },
): StoreStatus {
  const s = current.snapshot;
  return {
    version: current.version,
    loadedAt: current.loadedAt,
    hash: s.hash,
    files: s.files,
    countsPerMunicipality: counts,
    questionSets: s.questionSets.map((q) => ({ file: q.file, items: q.items.length })),
    lastReload: reloads.last(),
    watching: reloads.watching(),
  };
}

export function createReloadRunner(options: ReloadRunnerOptions) {
  const { logger, onReload } = options;
  let lastReload: StoreStatus['lastReload'] = null;
  let running: Promise<ReloadOutcome> | null = null;
  let queued: Promise<ReloadOutcome> | null = null;
  let queuedReasons: string[] = [];
  const watchers: Watcher[] = [];
  let watching: string[] = [];
  let closed = false;

  async function runReload(reason: string): Promise<ReloadOutcome> {
    const started = performance.now();
    const previousVersion = options.version();
    let outcome: ReloadOutcome;
    try {
      const done = await options.swap();
      outcome = {
        ok: true,
        reason,
        at: done.at,
        ms: Math.round(performance.now() - started),
        version: done.version,
        previousVersion,
        changed: done.changed,
        errors: [],
      };
      logger.info(
        { reason, version: outcome.version, changed: outcome.changed, ms: outcome.ms, ...done.log },
        'knowledge: reloaded',
      );
    } catch (error) {
      const errors = errorsOf(error);
      outcome = {
        ok: false,
        reason,
        at: new Date().toISOString(),
        ms: Math.round(performance.now() - started),
        version: previousVersion,
        previousVersion,
        changed: false,
        errors,
      };
      logger.error(
        { reason, version: previousVersion, errors: errors.map(formatKnowledgeError) },
        `knowledge: reload failed, still serving version ${previousVersion}`,
      );
      for (const e of errors)
        logger.warn({ file: e.file, line: e.line, field: e.field }, `knowledge: ${formatKnowledgeError(e)}`);
    }
    lastReload = { at: outcome.at, ok: outcome.ok, reason, errors: outcome.errors, ms: outcome.ms };
    try {
      onReload?.(outcome);
    } catch (error) {
      logger.warn({ err: error }, 'knowledge: onReload hook threw');
    }
    return outcome;
  }

  function reload(reason: string): Promise<ReloadOutcome> {
    if (!running) {
      const p = runReload(reason).finally(() => {
        if (running === p) running = null;
      });
      running = p;
      return p;
    }
    queuedReasons.push(reason);
    if (!queued) {
      const q: Promise<ReloadOutcome> = running
        .catch(() => undefined)
        .then(() => {
          const reasons = [...new Set(queuedReasons)].join('; ');
          queuedReasons = [];
          queued = null;
          const p = runReload(reasons).finally(() => {
            if (running === p) running = null;
          });
          running = p;
          return p;
        });
      queued = q;
    }
    return queued;
  }

  return {
    reload,
    last: () => lastReload,
    watching: () => watching,
    /** Reloads when a file under `paths` changes (debounced), naming the files in the reason. */
    async watch(paths: string[], watchOptions: { debounceMs?: number } = {}) {
      if (closed) return;
      const w = watchFiles(
        paths,
        (changed) => {
          if (closed) return;
          const names = changed.map((p) => relative(process.cwd(), p) || p);
          void reload(`watch: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ' …' : ''}`);
        },
        {
          debounceMs: watchOptions.debounceMs ?? 300,
          onError: (error) => logger.warn({ err: error }, 'knowledge: watcher error'),
        },
      );
      watchers.push(w);
      watching = [...watching, ...paths];
      await w.ready;
    },
    /** Stops the watchers; resolves when the running reload and the one queued behind it have ended. */
    async close() {
      closed = true;
      await Promise.all(watchers.map((w) => w.close()));
      watchers.length = 0;
      await (queued ?? running)?.catch(() => undefined);
    },
  };
}

export async function createKnowledgeStore<T>(options: KnowledgeStoreOptions<T>): Promise<KnowledgeStore<T>> {
  const { load, build, logger, onReload } = options;

  // load + build, never touching what is serving
  async function prepare(): Promise<{ snapshot: KnowledgeSnapshot; value: T }> {
    let result: LoadResult;
    try {
      result = await load();
    } catch (error) {
      throw new KnowledgeLoadError([
        { file: '(load)', message: error instanceof Error ? error.message : String(error) },
      ]);
    }
    if (!result.ok) throw new KnowledgeLoadError(result.errors);
    const snapshot = result.snapshot;
    const value = await build(snapshot);
    return { snapshot, value };
  }

  const first = await prepare();
  // The one reference every request reads; replaced whole, never mutated.
  let serving: StoreCurrent<T> = { ...first, version: 1, loadedAt: new Date().toISOString() };
  let closed = false;

  const reloads = createReloadRunner({
    logger,
    ...(onReload ? { onReload } : {}),
    version: () => serving.version,
    async swap() {
      const previous = serving;
      const next = await prepare();
      serving = { ...next, version: previous.version + 1, loadedAt: new Date().toISOString() };
      return { at: serving.loadedAt, version: serving.version, changed: next.snapshot.hash !== previous.snapshot.hash };
    },
  });
  const reload = reloads.reload;

  return {
    current: () => serving,
    reload,
    status: () => storeStatus(serving, countsOf(serving.snapshot), reloads),
    async watch(paths, watchOptions = {}) {
      if (!closed) await reloads.watch(paths, watchOptions);
    },
    async close() {
      closed = true;
      // watchers stopped, and an in-flight reload finished so nothing writes after close
      await reloads.close();
    },
  };
}
