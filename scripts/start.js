// @ts-check
/**
 * `npm start`: builds what is missing or older than its sources in a separate process, then serves from
 * the compiled server in this one, which so loads no TypeScript compiler, tsx or Vite. An unchanged
 * build starts at once.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleParts } from './build-freshness.js';

const stale = staleParts();
if (stale.length > 0) {
  console.log(`Building the ${stale.join(' and ')} into dist/ (missing or older than the sources)…`);
  const script = fileURLToPath(new URL('./build.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...stale], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Tributary could not start: the build failed (see above).');
    process.exit(1);
  }
}
// A computed specifier: the compiled server is not part of the type-checked sources.
const serverEntry = new URL('../dist/server/main.js', import.meta.url).href;
/** @type {{ main(): Promise<void> }} */
const server = await import(serverEntry);
await server.main();
