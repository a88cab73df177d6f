import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeDataDir } from './helpers/server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const recorder = fileURLToPath(new URL('../fixtures/module-recorder/preload.mjs', import.meta.url));

let data: Awaited<ReturnType<typeof makeDataDir>>;
beforeEach(async () => {
  data = await makeDataDir();
});
afterEach(() => data.remove());

/** Runs `npm start`'s command until the server says it is running, then stops it; the modules it loaded and what it printed. */
async function modulesOfServingProcess(): Promise<{ modules: string[]; output: string }> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  expect(command).toBe('node');
  const record = join(data.dir, 'modules.txt');
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: data.dir,
      NODE_OPTIONS: `--import=${recorder}`,
      TRIBUTARY_MODULE_RECORD: record,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Tributary is running')) resolve();
    });
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
  });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  // A build, when one was needed, ran in a process of its own, and the server serves from a child of
  // `npm start`'s (for its malloc settings): the serving process is the one that ran the compiled CLI.
  const lines = readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ pid: line.slice(0, line.indexOf(' ')), module: line.slice(line.indexOf(' ') + 1) }));
  const serving = lines.find((line) => line.module.endsWith('/dist/server/cli.js'))?.pid;
  expect(serving).toBeDefined();
  expect(serving).not.toBe(String(child.pid));
  const modules = lines.filter((line) => line.pid === serving).map((line) => line.module);
  const launcher = lines.filter((line) => line.pid === String(child.pid)).map((line) => line.module);
  expect(launcher.filter((m) => /\/node_modules\/(tsx|vite|typescript|esbuild|rolldown)\//.test(m))).toEqual([]);
  return { modules, output };
}

test('npm start serves from the compiled server, with no tsx, Vite or TypeScript compiler in the serving process', async () => {
  const { modules, output } = await modulesOfServingProcess();
  // The demo route's links, and beside them the join address with its participant and facilitator codes.
  expect(output).toMatch(/participant: http:\/\/127\.0\.0\.1:\d+\/r\/laos-2013\/river\?token=/);
  expect(output).toMatch(/Or join at http:\/\/127\.0\.0\.1:\d+\/join with a code: participant [ACEFGHKMNPRTWXY34679]{6}, facilitator [ACEFGHKMNPRTWXY34679]{6}/);
  // The recorder saw the server itself, so an empty or broken record cannot pass.
  expect(modules.some((m) => m.endsWith('/dist/server/cli.js'))).toBe(true);
  expect(modules.some((m) => m.includes('/node_modules/better-sqlite3/'))).toBe(true);
  const tooling = modules.filter((m) => /\/node_modules\/(tsx|vite|typescript|esbuild|rolldown|@sveltejs|svelte)\//.test(m) || /\/server\/[^/]+\.ts$/.test(m));
  expect(tooling).toEqual([]);
  // With no DATABASE_URL or REDIS_URL the scale-out clients are not loaded, nor sharp before a first photo.
  expect(modules.filter((m) => /\/node_modules\/(pg|ioredis|sharp)\//.test(m))).toEqual([]);
}, 240_000);
