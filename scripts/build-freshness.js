// @ts-check
/**
 * Which built parts are missing or older than their sources. Plain JavaScript, because `npm start` runs
 * it in the serving process before anything is built, and that process loads no TypeScript tooling.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** @typedef {'client' | 'server'} BuiltPart */

/** @type {Record<BuiltPart, { output: string, sources: string[] }>} */
const builtParts = {
  // The client bundles its dependencies, so a changed lock file rebuilds it; the server keeps them external.
  client: { output: 'dist/client/index.html', sources: ['client', 'shared', 'vite.config.ts', 'package-lock.json'] },
  server: { output: 'dist/server/main.js', sources: ['server', 'shared', 'scripts/build-server.ts'] },
};

/** @param {string} path @returns {number} */
function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stats.mtimeMs);
}

/** @returns {BuiltPart[]} */
export function staleParts() {
  /** @type {BuiltPart[]} */
  const names = ['client', 'server'];
  return names.filter((name) => {
    const { output, sources } = builtParts[name];
    const built = join(repoRoot, output);
    if (!existsSync(built)) return true;
    const builtAt = statSync(built).mtimeMs;
    return sources.some((source) => existsSync(join(repoRoot, source)) && newestChange(join(repoRoot, source)) > builtAt);
  });
}
