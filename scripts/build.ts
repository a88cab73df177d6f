/**
 * `npm run build`, and what `npm start` runs in a separate process when a part is missing or stale:
 * builds the named parts (`client`, `server`), or both.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildServer } from './build-server.ts';

const parts = process.argv.slice(2);
const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);

if (wanted('client')) {
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
if (wanted('server')) await buildServer();
