import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformWithOxc, type Plugin } from 'vite';

const source = fileURLToPath(new URL('./service-worker.ts', import.meta.url));
export const serviceWorkerPath = 'sw.js';

/**
 * Emits `sw.js` next to index.html with the build's own file list, so the worker precaches exactly what
 * this build produced. Its cache name is a hash of that list: any change of any file is a new version.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'tributary-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .sort()
        .map((name) => `/${name}`);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const precache = JSON.stringify({ version, shell: '/', files });
      const { code } = await transformWithOxc(await readFile(source, 'utf8'), source, { lang: 'ts' });
      this.emitFile({ type: 'asset', fileName: serviceWorkerPath, source: `const precache = ${precache};\n${code}` });
    },
  };
}
