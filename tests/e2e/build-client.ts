import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: the e2e tests drive the built client as the server serves it, built once per run. */
export default async function buildClient(): Promise<void> {
  // Vitest sets NODE_ENV=test, and Vite then builds in development flavour (Svelte's dev checks on,
  // `import.meta.env.PROD` false): not the app that `npm start` serves.
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
}
