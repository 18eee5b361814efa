// Add or update one entry of knowledge/documents.yaml through the yaml package's Document API, so the
// admins' comments, key order and the other entries stay exactly as they were.
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml';
import { ImportError } from './errors.js';

export interface DocumentEntry {
  id: string;
  municipality: string;
  title: string;
  issued?: string | undefined;
  publisher?: string | undefined;
  contact?: string | undefined;
  file: string; // relative to SEEDS_DIR
}

const HEADER = `# The policy documents Madoguchi answers from: one entry per seed file under SEEDS_DIR.
# Written by \`npm run knowledge:import\`; comments you add are kept.
`;

export interface Upsert {
  text: string; // the new documents.yaml
  action: 'added' | 'updated';
  previous: Record<string, unknown> | null; // the entry as it was
}

/** The current entry of a document id, if documents.yaml has one. */
export function findEntry(source: string | null, id: string): Record<string, unknown> | null {
  if (!source) return null;
  const doc = parseDocument(source);
  const seq = doc.get('documents', true);
  if (!isSeq(seq)) return null;
  const item = seq.items.find((i) => isMap(i) && i.get('id') === id);
  return isMap(item) ? (item.toJSON() as Record<string, unknown>) : null;
}

export function upsertDocumentEntry(source: string | null, entry: DocumentEntry): Upsert {
  const doc = parseDocument(source ?? `${HEADER}documents: []\n`);
  if (doc.errors.length > 0) {
    throw new ImportError(`documents.yaml: YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}; fix it first`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    doc.contents = doc.createNode({ documents: [] }) as never;
  }
  if (!isMap(doc.contents)) throw new ImportError('documents.yaml: expected a mapping with a "documents" list');
  let seq = doc.get('documents', true);
  if (seq === undefined || seq === null || (isScalar(seq) && seq.value === null)) {
    seq = new YAMLSeq();
    doc.set('documents', seq);
  }
  if (!isSeq(seq)) throw new ImportError('documents.yaml: "documents" is not a list');
  seq.flow = false; // 「documents: []」 becomes a block list once it has entries

  const existing = seq.items.find((i) => isMap(i) && i.get('id') === entry.id) as YAMLMap | undefined;
  const previous = existing ? (existing.toJSON() as Record<string, unknown>) : null;
  const fields: [keyof DocumentEntry, string | undefined][] = [
    ['id', entry.id],
    ['municipality', entry.municipality],
    ['title', entry.title],
    ['issued', entry.issued],
    ['publisher', entry.publisher],
    ['contact', entry.contact],
    ['file', entry.file],
  ];
  if (existing) {
    for (const [key, value] of fields) if (value !== undefined) existing.set(key, value);
  } else {
    const fresh: Record<string, string> = {};
    for (const [key, value] of fields) if (value !== undefined) fresh[key] = value;
    seq.add(doc.createNode(fresh));
  }
  return { text: doc.toString({ lineWidth: 0 }), action: existing ? 'updated' : 'added', previous };
}
