// Parse one YAML knowledge file and validate it with zod, mapping every issue back to a line.
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath } from './errors.js';
import type { KnowledgeError } from './model.js';

export interface YamlFile<T> {
  value: T;
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

// yaml's own default (100): a knowledge file has no use for more, and a bomb needs far more.
const MAX_ALIAS_COUNT = 100;

export type YamlResult<T> = { ok: true; file: YamlFile<T> } | { ok: false; errors: KnowledgeError[] };

export function readYaml<T>(file: string, source: string, schema: z.ZodType<T>): YamlResult<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((err) => ({
        file,
        line: lineCounter.linePos(err.pos[0]).line,
        message: `YAML syntax error: ${firstLine(err.message)}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]) => nodeLine(doc, lineCounter, path);
  let value: unknown;
  try {
    // An alias bomb (aliases of aliases, billions of nodes) throws here: it is an error of this file.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { ok: false, errors: [{ file, message: `YAML error: ${firstLine((err as Error).message)}` }] };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = formatPath(issue.path);
        return {
          file,
          line: lineOf(issue.path),
          ...(field ? { field } : {}),
          message: issue.message,
        };
      }),
    };
  }
  return { ok: true, file: { value: parsed.data, lineOf } };
}

function nodeLine(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
