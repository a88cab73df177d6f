import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const serverOutDir = join(repoRoot, 'dist/server');

/**
 * The pure JavaScript packages bundled into the compiled server; every other package is loaded from
 * node_modules at run time. Native ones (better-sqlite3, sharp, ws's optional helpers) cannot be bundled,
 * the scale-out clients (pg, ioredis) load only when configured, and a package added later stays outside
 * until someone decides otherwise.
 */
const bundledPackages = new Set(['yjs', 'lib0', 'y-protocols', 'hono', '@hono/node-server', 'ws']);

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

const keepOtherPackagesExternal: Plugin = {
  name: 'keep-other-packages-external',
  setup(build) {
    // Bare specifiers only: relative and absolute paths are the server's own files.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || bundledPackages.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Compiles the server ahead of time into dist/server, so that the serving process is plain `node` with
 * no TypeScript compiler, tsx or Vite loaded. The pure JavaScript packages (Yjs, lib0, Hono, ws) are bundled
 * in: Node then keeps a few large modules instead of a few hundred small ones, 7-9 MiB less resident
 * memory after start. Written into a fresh folder and swapped in whole, so a failed or interrupted build
 * never leaves a half-written server that looks up to date.
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
      plugins: [keepOtherPackagesExternal],
      // Bundled CommonJS packages (ws) call require; an ES module has none of its own.
      banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
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
