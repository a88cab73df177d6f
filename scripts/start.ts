import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const configFile = join(repoRoot, 'vite.config.ts');
const builtIndex = join(repoRoot, 'dist/client/index.html');
// shared/ too: the client bundles code from it (document names today, schemas later).
const clientSources = [join(repoRoot, 'client'), join(repoRoot, 'shared'), configFile];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stats.mtimeMs);
}

function isBuildStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return clientSources.some((path) => existsSync(path) && newestChange(path) > builtAt);
}

// A fresh clone or a pulled change just works with `npm start`, and an unchanged client starts at once.
if (isBuildStale()) {
  console.log('Building the client into dist/client (it is missing or older than its sources)…');
  await build({ configFile, logLevel: 'warn' });
}
await (await import('../server/main.ts')).main();
