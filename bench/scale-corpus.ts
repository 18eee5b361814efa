// A bench corpus ×N: the bundled knowledge plus N−1 copies of every municipality under a new id
// (「東久留米2市」 `higashikurume-x2`), each with its documents copied and their text changed (the copy's
// name in place of the original's, every digit shifted), so the copies analyse to different terms and
// numbers. Knowledge files other than municipalities and documents are kept as they are (routes, FAQ and
// synonyms of the bundled five). Usage: makeScaledCorpus(4) → a temporary root with knowledge/ and seeds/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

interface MunicipalityYaml {
  id: string;
  name: string;
  shortName?: string;
  aliases?: string[];
  contact?: Record<string, string>;
}
interface DocumentYaml {
  id: string;
  municipality: string;
  title: string;
  file: string;
  [key: string]: unknown;
}

const shiftDigits = (s: string, k: number) => s.replace(/[0-9]/g, (d) => String((Number(d) + k) % 10));

/**
 * Writes the ×factor corpus under a new temporary directory and returns it (usable as a project root). `only`:
 * copy only these municipalities (a small scaled corpus for tests); default every one.
 */
export function makeScaledCorpus(factor: number, into?: string, only?: readonly string[]): string {
  const root = into ?? mkdtempSync(join(tmpdir(), `madoguchi-x${factor}-`));
  mkdirSync(join(root, 'seeds'), { recursive: true });
  cpSync(join(ROOT, 'knowledge'), join(root, 'knowledge'), { recursive: true });
  cpSync(join(ROOT, 'seeds'), join(root, 'seeds'), { recursive: true });
  const mFile = join(root, 'knowledge/municipalities.yaml');
  const dFile = join(root, 'knowledge/documents.yaml');
  const municipalities = parse(readFileSync(mFile, 'utf8')) as { municipalities: MunicipalityYaml[] };
  const documents = parse(readFileSync(dFile, 'utf8')) as { documents: DocumentYaml[] };
  const originals = [...municipalities.municipalities];
  const originalDocs = [...documents.documents];
  for (let k = 2; k <= factor; k++) {
    for (const m of originals.filter((x) => !only || only.includes(x.id))) {
      const name = m.name.replace(/(市|町|村)$/, `${k}$1`);
      const id = `${m.id}-x${k}`;
      municipalities.municipalities.push({
        id,
        name,
        shortName: `${m.shortName ?? m.name}${k}`,
        aliases: [],
        ...(m.contact ? { contact: m.contact } : {}),
      });
      for (const d of originalDocs.filter((x) => x.municipality === m.id)) {
        // a file without a folder lives in seeds/ (knowledge/documents.yaml)
        const text = readFileSync(join(ROOT, d.file.includes('/') ? d.file : join('seeds', d.file)), 'utf8');
        const changed = shiftDigits(text.replaceAll(m.name, name), k);
        const file = `${id}-${d.id}.txt`; // relative to seeds/
        writeFileSync(join(root, 'seeds', file), changed);
        documents.documents.push({
          ...d,
          id: `${d.id}-x${k}`,
          municipality: id,
          title: d.title.replaceAll(m.name, name),
          file,
        });
      }
    }
  }
  writeFileSync(mFile, stringify(municipalities));
  writeFileSync(dFile, stringify(documents));
  return root;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const factor = Number(process.argv[2] ?? 4);
  console.log(makeScaledCorpus(factor, process.argv[3]));
}
