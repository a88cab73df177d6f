// @ts-check
/**
 * `npm start`: builds what is missing or older than its sources in a separate process, then serves from
 * the compiled server in a child process, which so loads no TypeScript compiler, tsx or Vite and starts
 * with the serving environment (scripts/serving-env.js: glibc reads its malloc settings only at a process's
 * start). An unchanged build starts at once. This process only waits for the server and passes signals on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleParts } from './build-freshness.js';
import { servingEnv } from './serving-env.js';

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
const cli = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
// The same Node flags as this process (package.json's start script: --max-semi-space-size=2).
const server = spawn(process.execPath, [...process.execArgv, cli], { stdio: 'inherit', env: { ...process.env, ...servingEnv() } });
// Ctrl+C reaches the server too (same process group): wait for it to close its documents, then exit as it did.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
