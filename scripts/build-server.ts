import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const serverOutDir = join(repoRoot, 'dist/server');

/**
 * Compiles the server ahead of time into dist/server, so that the serving process is plain `node` with
 * no TypeScript compiler, tsx or Vite loaded. Packages stay external: node_modules is there at run time,
 * and bundling native modules (better-sqlite3) would break them. Written into a fresh folder and swapped
 * in whole, so a failed or interrupted build never leaves a half-written server that looks up to date.
 */
export async function buildServer(): Promise<void> {
  const staging = `${serverOutDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: repoRoot,
      entryPoints: { main: 'server/main.ts', cli: 'server/cli.ts' },
      outdir: staging,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    // Node runs the worker's file as it is; the bundle's chunks sit beside it and resolve it from there.
    copyFileSync(join(repoRoot, 'server/persistence/checkpoint-worker.js'), join(staging, 'checkpoint-worker.js'));
    if (existsSync(serverOutDir)) rmSync(serverOutDir, { recursive: true, force: true });
    renameSync(staging, serverOutDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
