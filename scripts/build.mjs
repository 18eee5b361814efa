// npm run build, and npm ci's `prepare`: src/ → dist/ with tsc (TypeScript 7, the project's own compiler;
// one .js per .ts, so paths relative to a module — the console's static files, the index cache's code
// fingerprint — stay as they are), then the console's static files beside the compiled console.
// `npm ci --omit=dev` has no TypeScript: it keeps the dist/ built before, or says how to build one.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
let tsc;
try {
  // typescript's exports map lists only its package.json and its API, not bin/
  tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
} catch {
  if (existsSync(join(dist, 'main.js'))) {
    process.stderr.write('build: TypeScript is not installed (npm ci --omit=dev); keeping the dist/ built before\n');
    process.exit(0);
  }
  process.stderr.write(
    'build: dist/ is missing and TypeScript is not installed: run `npm ci` (with dev dependencies) once to build it\n',
  );
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
cpSync(join(root, 'src/console/public'), join(dist, 'console/public'), { recursive: true });
