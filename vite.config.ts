import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { precompress } from './client/build/precompress.ts';
import { serviceWorker } from './client/sw/build-plugin.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev` starts the server with the same environment, so both agree on its port.
const serverOrigin = `http://127.0.0.1:${process.env.PORT || 8080}`;

export default defineConfig({
  // Absolute: Vite resolves a relative root against the working directory, not this file.
  root: `${repoRoot}client`,
  // All Svelte options live here; there is no svelte.config.js.
  plugins: [svelte({ configFile: false }), serviceWorker(), precompress()],
  build: {
    outDir: `${repoRoot}dist/client`,
    emptyOutDir: true,
  },
  server: {
    // The browser talks to Vite's origin only; API and sync go through to the real server.
    proxy: {
      '/sync': { target: serverOrigin, ws: true },
      '/api': serverOrigin,
      '/healthz': serverOrigin,
    },
  },
  test: {
    // Vite's root is client/, but tests live at the repo root.
    root: repoRoot,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A flaky test is a bug to fix, not to hide.
    retry: 0,
    // Every project's tests run the compiled server, as `npm start` does; built once per run.
    globalSetup: ['tests/build-server.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/build-client.ts'],
          // Chromium is heavy on two cores: run e2e files one at a time, after the node tests.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
