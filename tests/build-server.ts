import { buildServer } from '../scripts/build-server.ts';

const key = Symbol.for('tributary.compiledServerBuild');
const shared = globalThis as typeof globalThis & { [key]?: Promise<void> };

/**
 * Vitest global setup: the tests run the compiled server that `npm start` serves, built once per run. Each
 * project inherits this setup, so the build is shared through the process rather than run once per project.
 */
export default async function buildCompiledServer(): Promise<void> {
  await (shared[key] ??= buildServer());
}
