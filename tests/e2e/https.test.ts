import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { addInline, card } from './river-board.ts';

const fixtures = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const tls = { certFile: `${fixtures}cert.pem`, keyFile: `${fixtures}key.pem` };
// A laptop that trusts the venue certificate, as after installing a local CA: Chromium treats a certificate
// whose key is in this list as valid, which a click-through of the warning does not do.
const spki = createHash('sha256')
  .update(createPublicKey(readFileSync(tls.certFile)).export({ type: 'spki', format: 'der' }))
  .digest('base64');

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts), {
  tls,
  chromiumArgs: [`--ignore-certificate-errors-spki-list=${spki}`],
});

test('over https with a trusted certificate, the river reopens offline with the edit made offline', async () => {
  expect(server.url).toMatch(/^https:/);
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: adminToken });
  await waitForStatus(ana.page, 'connected');
  expect(ana.requested.some((url) => url.startsWith('wss://'))).toBe(true);
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await ana.context.setOffline(true);
  await server.pause();
  await waitForStatus(ana.page, 'offline');
  expect(await ana.page.getByTestId('keep-open').count()).toBe(0);
  await addInline(ana.page, 'knowledge', 'd3', 'Written on the bus, no network');
  await ana.page.reload();
  await waitForStatus(ana.page, 'offline');
  await card(ana.page, 'Written on the bus, no network').waitFor();
  await screenshot(ana.page, 'https-offline-reload', { fullPage: false });

  await server.resume();
  await ana.context.setOffline(false);
  await waitForStatus(ana.page, 'connected');
  const binh = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/river', token: adminToken });
  await card(binh.page, 'Written on the bus, no network').waitFor();
  await Promise.all([ana.context.close(), binh.context.close()]);
});
