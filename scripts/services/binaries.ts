import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Debian's packages put the servers the cluster tests and benchmarks run: `redis-server` on the PATH,
 * PostgreSQL's server programs under /usr/lib/postgresql/<major>/bin (not on the PATH).
 */
export function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? null : join(root, majors[0], 'bin');
}

export function findRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/bin', '/usr/sbin')) {
    const candidate = join(dir, 'redis-server');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
}
