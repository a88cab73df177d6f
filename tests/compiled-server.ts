import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as ServerMain from '../server/main.ts';

/** The compiled server (tests/build-server.ts builds it before every run), as `npm start` serves it. */
export const compiledServerDir = fileURLToPath(new URL('../dist/server/', import.meta.url));

/** The CLI entry a child process runs: `node dist/server/cli.js`. */
export const compiledCli = join(compiledServerDir, 'cli.js');

let compiled: Promise<typeof ServerMain> | null = null;

/** `startServer` of the compiled server, in this process. Loaded on first use, so importing this is safe before a build. */
export const startServer: typeof ServerMain.startServer = async (overrides) => {
  compiled ??= import(pathToFileURL(join(compiledServerDir, 'main.js')).href) as Promise<typeof ServerMain>;
  return (await compiled).startServer(overrides);
};
