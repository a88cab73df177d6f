import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The e2e tests drive Debian's Chromium (the path tests/e2e/browser.ts launches); Playwright's own
 * browser downloads cannot work here, the machines reach only npm and Debian's archive.
 */
const chromiumPath = '/usr/bin/chromium';

if (!existsSync(chromiumPath)) {
  if (process.getuid?.() !== 0) {
    console.error(`The browser tests need Chromium at ${chromiumPath}; install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    console.log(`Chromium is missing for the browser tests: running apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  }
  if (!existsSync(chromiumPath)) {
    console.error(`apt-get installed chromium, but ${chromiumPath} is still missing`);
    process.exit(1);
  }
}
