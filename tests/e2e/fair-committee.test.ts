import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
let codes: Record<string, string>;

useServerAndBrowser((parts) => ({ server, browser } = parts));

const call = (path: string, token: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  codes = await joinCodes(server, 'laos-2013', facilitator);
  for (const teamId of ['taliang', 'watermelon']) {
    expect((await call(`/api/routes/laos-2013/plans/${teamId}/status`, facilitator, 'POST', { status: 'submitted' })).status).toBe(200);
  }
});

const join = (role: string, name: string, teamId?: string): Promise<string> => joinAs(server, codes, role, name, teamId);

test('the facilitator’s committee page shows a member’s scores as they come in, without a reload', async () => {
  const fac = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/committee', token: facilitator, viewport: { width: 1366, height: 768 } });
  await fac.page.getByTestId('committee-status').waitFor();
  const final = fac.page.getByTestId('final-watermelon');
  await final.waitFor();
  expect(await final.textContent()).not.toBe('18');
  const member = await join('committee', 'Mr Bounmy');
  const scores = { innovation: 9, complementarities: 3, clarity: 6 };
  expect((await call('/api/routes/laos-2013/committee/scores/watermelon', member, 'PUT', { scores, comments: {}, submit: true })).status).toBe(200);
  await expect.poll(() => final.textContent(), { timeout: 10_000 }).toBe('18');
  expect(await fac.page.getByTestId('means-watermelon').count()).toBe(1);
  await fac.context.close();
});

test('a committee member scores a plan, the facilitator sees the ranking and publishes, the team reads its assessment', async () => {
  const member = await openPerson(browser, server, { name: 'Ms Phet', path: '/r/laos-2013/committee', token: await join('committee', 'Ms Phet'), viewport: { width: 1366, height: 768 } });
  const form = member.page.getByTestId('score-form-taliang');
  await form.waitFor();
  expect(await member.page.getByTestId('committee-plan-chilli').count()).toBe(0);
  await member.page.getByTestId('score-taliang-innovation').fill('11.5');
  await member.page.getByTestId('score-taliang-complementarities').fill('4');
  // Submitting with a criterion unscored is refused, and the page says why.
  await form.getByRole('button', { name: 'Submit scores' }).click();
  await member.page.getByTestId('committee-problem').waitFor();
  expect(await member.page.getByTestId('committee-problem').textContent()).toBe('Give a score for every criterion before submitting.');
  await member.page.getByTestId('score-taliang-clarity').fill('7');
  await member.page.getByTestId('comment-taliang-innovation').fill('Natural dyes for a new market: a real innovation.');
  expect(await member.page.getByTestId('total-taliang').textContent()).toBe('Total: 22.5 / 26');
  await form.getByRole('button', { name: 'Submit scores' }).click();
  await member.page.locator('[data-testid="means-taliang"]').waitFor();
  expect(await member.page.getByTestId('sheet-state-taliang').textContent()).toContain('Submitted');
  await screenshot(member.page, 'committee-member-1366x768', { fullPage: false });

  const fac = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/committee', token: facilitator, viewport: { width: 1920, height: 1080 } });
  await fac.page.getByTestId('rank-taliang').waitFor();
  expect(await fac.page.getByTestId('final-taliang').textContent()).toBe('22.5');
  fac.page.on('dialog', (dialog) => void dialog.accept());
  await fac.page.getByRole('button', { name: 'Publish the results to the teams' }).click();
  await fac.page.locator('[data-testid="committee-status"][data-published="true"]').waitFor();
  await screenshot(fac.page, 'committee-facilitator-1920x1080', { fullPage: false });

  const team = await join('participant', 'Khamla', 'taliang');
  for (const locale of ['en', 'lo', 'vi'] as const) {
    const reader = await openPerson(browser, server, { name: 'Khamla', path: '/r/laos-2013/committee', token: team, locale, viewport: { width: 390, height: 844 }, isMobile: true });
    await reader.page.getByTestId('ranking').waitFor();
    expect(await reader.page.getByText('Natural dyes for a new market: a real innovation.').count()).toBe(1);
    expect(await reader.page.getByText('Ms Phet').count()).toBe(0);
    await screenshot(reader.page, `committee-team-${locale}-390x844`);
    await reader.context.close();
  }
  // The member can no longer change the published scores.
  await member.page.reload();
  await member.page.getByTestId('score-form-taliang').waitFor();
  expect(await member.page.getByTestId('score-taliang-innovation').isDisabled()).toBe(true);
  for (const person of [member, fac]) await person.context.close();
});
