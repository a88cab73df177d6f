import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageFile = fileURLToPath(new URL('../package.json', import.meta.url));

/**
 * The Node flags `npm start` gives the serving process (package.json's start script, `node <flags>
 * scripts/start.js`), so that benchmarks and tests that start the compiled server as a child run it alike.
 */
export function servingNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(packageFile, 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  const launcher = args.indexOf('scripts/start.js');
  if (command !== 'node' || launcher < 0) throw new Error(`package.json's start script is not "node [flags] scripts/start.js": ${scripts.start}`);
  return args.slice(0, launcher);
}
