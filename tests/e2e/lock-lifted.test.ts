import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { openPerson, waitForStatus } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

/**
 * A page opened while its board is locked learns from the server that it may only read; when the lock is
 * lifted it may write again without a reload, as a room expects after "pens down" ends.
 */
test('a participant who opened the river while it was locked can write once the lock is lifted, without reloading', async () => {
  const facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  const participant = await routeLinkToken(server, 'laos-2013', 'participant');
  const lock = (locked: boolean) =>
    fetch(`${server.url}/api/routes/laos-2013/control/locks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'river', locked }),
    });
  expect((await lock(true)).status).toBe(200);
  const bo = await openPerson(browser, server, { name: 'Bo', path: '/r/laos-2013/river', token: participant });
  await waitForStatus(bo.page, 'connected');
  await bo.page.getByTestId('lock-notice').waitFor();
  expect(await bo.page.getByTestId('add-card').count()).toBe(0);

  expect((await lock(false)).status).toBe(200);
  await bo.page.getByTestId('lock-notice').waitFor({ state: 'detached' });
  await bo.page.getByTestId('add-card').waitFor();
  await bo.context.close();
});
