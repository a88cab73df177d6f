import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import type { Person } from './people.ts';
import { joinTeam, openConnected } from './plan-people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
/** A participant who joined the Vang Xai team (whose plan is `taliang`) with the route's code. */
let ana: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  ana = await joinTeam(server, facilitator, 'Ana', 'taliang');
});

const open = (name: string, path: string, token: string, options: { locale?: 'en' | 'lo' | 'vi'; viewport?: { width: number; height: number } } = {}) =>
  openConnected(browser, server, name, path, token, options);

const editable = (person: Person, sectionId: string) => person.page.getByTestId(`editor-${sectionId}`).getAttribute('contenteditable');

test('the team presents and submits its plan, which locks it for the team and not for the facilitator, who reopens it', async () => {
  const anaPlan = await open('Ana', '/r/laos-2013/plans/taliang', ana);
  const fay = await open('Fay', '/r/laos-2013/plans/taliang', facilitator);
  await expect.poll(() => editable(anaPlan, 'problem')).toBe('true');

  await anaPlan.page.getByTestId('mark-presented').click();
  await fay.page.locator('[data-testid="plan-status"][data-status="presented"]').waitFor();
  await anaPlan.page.getByTestId('submit').click();
  await anaPlan.page.getByText('The team will no longer be able to edit the plan.').waitFor();
  await screenshot(anaPlan.page, 'plan-status-confirm-1366x768', { fullPage: false });
  await anaPlan.page.getByTestId('confirm-submit').click();
  await anaPlan.page.locator('[data-testid="plan-status"][data-status="submitted"]').waitFor();
  await expect.poll(() => editable(anaPlan, 'problem')).toBe('false');
  await expect(anaPlan.page.getByTestId('reopen').count()).resolves.toBe(0);
  await fay.page.locator('[data-testid="plan-status"][data-status="submitted"]').waitFor();
  expect(await editable(fay, 'problem')).toBe('true');
  await screenshot(anaPlan.page, 'plan-status-submitted-1366x768', { fullPage: false });

  // The submission's snapshot is in the plan's history with its label.
  const snapshots = (await (await fetch(`${server.url}/api/docs/${encodeURIComponent('route/laos-2013/plan/taliang')}/snapshots`, { headers: { authorization: `Bearer ${ana}` } })).json()) as {
    snapshots: Array<{ label: string }>;
  };
  expect(snapshots.snapshots.map((s) => s.label)).toContain('Submitted to the contest');

  // On the plans list the room sees it submitted.
  const list = await open('Fay', '/r/laos-2013/plans', facilitator);
  await list.page.locator('[data-testid="plan-taliang"][data-status="submitted"]').waitFor();
  expect(await list.page.getByTestId('status-watermelon').innerText()).toBe('Draft');

  await fay.page.getByTestId('reopen').click();
  await anaPlan.page.locator('[data-testid="plan-status"][data-status="draft"]').waitFor();
  await expect.poll(() => editable(anaPlan, 'problem')).toBe('true');
  await list.page.locator('[data-testid="plan-taliang"][data-status="draft"]').waitFor();
  await Promise.all([anaPlan.context.close(), fay.context.close(), list.context.close()]);
});

test('another team\'s plan tells a participant once that only its team edits it', async () => {
  const anaReads = await open('Ana', '/r/laos-2013/plans/watermelon', ana);
  await anaReads.page.getByText('You can read this plan. Only its team (and the facilitators) can edit it.').waitFor();
  expect(await anaReads.page.getByTestId('read-only').count()).toBe(0);
  // Read only whether its editor is built yet or still drawn (the drawing stands for it until then).
  const readOnly = (element: Element) => element.getAttribute('contenteditable') === 'false' || element.getAttribute('aria-readonly') === 'true';
  expect(await anaReads.page.getByTestId('editor-problem').evaluate(readOnly)).toBe(true);
  await anaReads.context.close();
});

test('the facilitator sets the contest\'s cap on the plans list, refused when it is not an amount', async () => {
  const list = await open('Fay', '/r/laos-2013/plans', facilitator);
  const cap = list.page.getByTestId('plan-cap');
  await expect.poll(() => cap.inputValue()).toBe('1,500');
  await cap.fill('lots');
  await cap.press('Enter');
  await list.page.getByRole('alert').filter({ hasText: 'Type an amount above zero' }).waitFor();
  await cap.fill('2.000');
  await cap.press('Enter');
  await expect.poll(() => cap.inputValue()).toBe('2,000');
  await list.page.getByTestId('budget-taliang').filter({ hasText: 'No budget yet' }).waitFor();
  // Participants see the list, not the setting.
  const anaList = await open('Ana', '/r/laos-2013/plans', ana);
  await anaList.page.getByTestId('plan-taliang').waitFor();
  expect(await anaList.page.getByTestId('plan-cap').count()).toBe(0);
  await cap.fill('1500');
  await cap.press('Enter');
  await Promise.all([list.context.close(), anaList.context.close()]);
});

// One test per language: each opens four pages, which a loaded machine takes a while to do.
for (const locale of ['lo', 'vi', 'en'] as const) {
  test(`the plans list and the status in ${locale}, on a projector, a laptop and a phone`, async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const list = await open('Lan', '/r/laos-2013/plans', facilitator, { locale, viewport });
      await list.page.getByTestId('plan-livestock').waitFor();
      const scrollWidth = await list.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${locale} ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
      await screenshot(list.page, `plans-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await list.context.close();
    }
    const plan = await open('Lan', '/r/laos-2013/plans/chilli', ana, { locale, viewport: { width: 390, height: 844 } });
    await plan.page.getByTestId('plan-status').waitFor();
    await screenshot(plan.page, `plan-status-${locale}-390x844`, { fullPage: false });
    await plan.context.close();
  });
}
