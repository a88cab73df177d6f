import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';

const assets = fileURLToPath(new URL('../../dist/client/assets/', import.meta.url));

/** The built client (the e2e setup builds it): TipTap and ProseMirror live in the plan page's chunk alone. */
test('TipTap and ProseMirror are only in the plan page’s chunk, which stays under 300 KB gzipped', async () => {
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  const withEditor: string[] = [];
  for (const name of scripts) {
    const code = await readFile(`${assets}${name}`, 'utf8');
    // Markers of ProseMirror's view and of TipTap's core, which survive minification as strings.
    if (code.includes('ProseMirror-') || code.includes('tiptap')) withEditor.push(name);
  }
  expect(withEditor.length).toBeGreaterThan(0);
  expect(withEditor.every((name) => name.startsWith('plan-page-'))).toBe(true);
  for (const name of withEditor) expect(gzipSync(await readFile(`${assets}${name}`)).length).toBeLessThanOrEqual(300 * 1024);
});
