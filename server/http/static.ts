import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * The built client. Vite puts content-hashed files under /assets, which never change at a given URL and
 * may be cached for a year; index.html must be revalidated so a new build is picked up. Everything is
 * sent compressed: forty laptops share the venue's Wi-Fi. The build writes Brotli and gzip copies of its
 * text files (client/build/precompress.ts), sent as they are; anything else is compressed per request.
 */
export function staticRoutes(clientDir: string): Hono {
  const app = new Hono();
  app.use('*', compress());
  if (!existsSync(join(clientDir, 'index.html'))) {
    return app.get('*', (c) =>
      c.text('The Tributary client is not built yet. Run "npm start" (it builds it) or "npm run build".', 503),
    );
  }
  const cacheHeaders = (path: string, c: { header(name: string, value: string): void }): void => {
    const immutable = path.includes(`${join(clientDir, 'assets')}/`);
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  app.use('*', serveStatic({ root: clientDir, precompressed: true, onFound: cacheHeaders }));
  // Client-side routes: any other page path gets the app shell (its build copies too).
  app.get('*', serveStatic({ root: clientDir, path: 'index.html', precompressed: true, onFound: cacheHeaders }));
  return app;
}
