import { spawnSync } from 'node:child_process';
import { findPostgresBinDir, findRedisServer } from './services/binaries.ts';

/**
 * The storage and cluster tests run their own throw-away PostgreSQL and Redis servers (scripts/services/),
 * from Debian's packages. Like ensure-chromium.ts, this installs what is missing when run as root; the
 * packages' own services are not started (the tests never use them).
 */
const missing: string[] = [];
if (findPostgresBinDir() === null) missing.push('postgresql');
if (findRedisServer() === null) missing.push('redis-server');

if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`The storage and cluster tests need PostgreSQL and Redis; install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    console.log(`${missing.join(' and ')} missing for the storage and cluster tests: running apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  }
  if (findPostgresBinDir() === null || findRedisServer() === null) {
    console.error('apt-get finished, but PostgreSQL\'s initdb or redis-server is still missing');
    process.exit(1);
  }
}
