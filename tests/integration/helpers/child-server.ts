import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { servingEnv } from '../../../scripts/serving-env.js';
import { servingNodeFlags } from '../../../scripts/serving-flags.ts';
import { compiledCli } from '../../compiled-server.ts';
import { adminToken } from './server.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildServer {
  process: ChildProcess;
  port: number;
  wsUrl: string;
  exited: Promise<number | null>;
}

/** The real compiled server as its own process (`dist/server/cli.js`), as `npm start` runs it, so it can be killed -9. */
export function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, [...servingNodeFlags(), compiledCli], {
    cwd: repoRoot,
    env: { ...process.env, ...servingEnv(), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: adminToken, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (!match) return;
      child.stdout?.off('data', onData);
      const port = Number(match[1]);
      resolve({ process: child, port, wsUrl: `ws://127.0.0.1:${port}/sync`, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
}
