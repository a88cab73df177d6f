import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const cache = new Map<string, Promise<string>>();

/**
 * The app's own `@font-face` rules (client/styles/fonts.css as Vite built them, unicode ranges included)
 * with each font file inlined, for pages the server writes whole (the route report): a saved copy or its
 * PDF keeps Noto Sans Lao without the server. About 100 KB. '' when the client is not built.
 */
export function inlinedFontFaces(clientDir: string): Promise<string> {
  let faces = cache.get(clientDir);
  if (faces === undefined) {
    faces = readFaces(join(clientDir, 'assets')).catch(() => '');
    cache.set(clientDir, faces);
  }
  return faces;
}

async function readFaces(assets: string): Promise<string> {
  const files = await readdir(assets);
  const rules: string[] = [];
  for (const name of files.filter((file) => file.endsWith('.css'))) {
    const css = await readFile(join(assets, name), 'utf8');
    for (const rule of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
      if (!rule.includes('Tributary Sans') || rules.includes(rule)) continue;
      rules.push(rule);
    }
  }
  const inlined = await Promise.all(
    rules.map(async (rule) => {
      const url = /url\(["']?([^"')]+\.woff2)["']?\)/.exec(rule)?.[1];
      if (url === undefined || !files.includes(basename(url))) return '';
      const data = await readFile(join(assets, basename(url)));
      return rule.replace(/url\(["']?[^"')]+\.woff2["']?\)/, `url(data:font/woff2;base64,${data.toString('base64')})`);
    }),
  );
  return inlined.join('\n');
}
