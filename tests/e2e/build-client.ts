import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: the e2e tests drive the built client as the server serves it, built once per run. */
export default async function buildClient(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
