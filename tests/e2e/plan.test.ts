import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { editorText } from './plan-people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const planPath = '/r/laos-2013/plans/taliang';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  // The participant link belongs to no team; the route lets every participant write every plan (A3).
  const response = await fetch(`${server.url}/api/routes/laos-2013/control/settings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ everyPlanOpen: true }),
  });
  expect(response.status).toBe(200);
});

async function openPlan(name: string, options: { locale?: 'en' | 'lo' | 'vi'; viewport?: { width: number; height: number }; token?: string } = {}): Promise<Person> {
  const person = await openPerson(browser, server, {
    name,
    path: planPath,
    token: options.token ?? participant,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: options.locale,
  });
  await waitForStatus(person.page, 'connected');
  await person.page.getByTestId('editor-problem').waitFor();
  return person;
}

test('a seeded plan opens from the contest template, with every section, its guidance and the team', async () => {
  const ana = await openPlan('Ana');
  await expect.poll(() => ana.page.getByTestId('plan-title').inputValue()).toBe('Strengthening Taliang’s group structure and internal capacity building to access the market');
  for (const id of ['problem', 'users', 'objectives', 'methodology', 'activities', 'outputs', 'budget', 'partnerships', 'risks']) {
    await ana.page.getByTestId(`section-${id}`).waitFor();
  }
  await ana.page.getByText('Is the problem clearly presented?').waitFor();
  await ana.page.getByTestId('plan-team').filter({ hasText: 'Taliang Natural Dyes Group' }).waitFor();
  await ana.context.close();
});

test('two people typing into the same section at once end with the same text and see each other’s named carets', async () => {
  const [ana, binh] = await Promise.all([openPlan('Ana'), openPlan('Binh')]);
  const anaEditor = ana.page.getByTestId('editor-methodology');
  const binhEditor = binh.page.getByTestId('editor-methodology');
  await anaEditor.click();
  await ana.page.keyboard.type('Women of the dye group design the training. ');
  await expect.poll(() => editorText(binh.page, 'methodology')).toContain('design the training');
  await binhEditor.click();
  await binh.page.keyboard.press('End');

  // Both type at the same time, each at their own place in the paragraph.
  await ana.page.keyboard.press('Home');
  await Promise.all([
    ana.page.keyboard.type('Ana writes first. ', { delay: 15 }),
    binh.page.keyboard.type('Binh adds the partners.', { delay: 15 }),
  ]);
  await expect.poll(async () => (await editorText(ana.page, 'methodology')) === (await editorText(binh.page, 'methodology'))).toBe(true);
  const text = await editorText(ana.page, 'methodology');
  expect(text).toContain('Ana writes first.');
  expect(text).toContain('Binh adds the partners.');
  expect(text).toContain('Women of the dye group design the training.');

  await ana.page.locator('[data-testid="section-methodology"] .collaboration-carets__label', { hasText: 'Binh' }).waitFor();
  await binh.page.locator('[data-testid="section-methodology"] .collaboration-carets__label', { hasText: 'Ana' }).waitFor();
  // The completeness panel counts the words as they arrive.
  await expect.poll(async () => Number.parseInt(await binh.page.getByTestId('words-methodology').innerText(), 10)).toBeGreaterThan(10);
  await screenshot(ana.page, 'plan-ana-sees-binh-1366x768', { fullPage: false });

  // Undo takes back Ana's own typing only (in as many steps as the undo manager grouped it into).
  await expect
    .poll(async () => {
      await ana.page.keyboard.press('Control+z');
      return editorText(binh.page, 'methodology');
    })
    .not.toContain('Ana writes first.');
  expect(await editorText(binh.page, 'methodology')).toContain('Binh adds the partners.');

  const own = new URL(server.url).host;
  expect([...ana.requested, ...binh.requested].filter((url) => new URL(url).host !== own)).toEqual([]);
  await Promise.all([ana.context.close(), binh.context.close()]);
});

// One test per language: nine page loads in one test ran past 60 s on a loaded machine.
for (const locale of ['lo', 'vi', 'en'] as const) {
  test(`the plan in ${locale}, on a projector, a laptop and a phone`, async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const person = await openPlan(locale === 'lo' ? 'ສົມໃຈ' : 'Lan', { locale, viewport, token: facilitator });
      if (locale === 'lo') await person.page.getByText('ບັນຫາ / ຫົວຂໍ້').first().waitFor();
      if (locale === 'vi') await person.page.getByText('Vấn đề / chủ đề').first().waitFor();
      if (locale === 'lo') {
        await person.page.getByTestId('editor-problem').click();
        await person.page.keyboard.type('ກຸ່ມຍ້ອມສີທຳມະຊາດຕ້ອງການຕະຫຼາດທີ່ໝັ້ນຄົງ');
      }
      const scrollWidth = await person.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${locale} ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
      // Each section's tools on one row; on a phone the sections' list is one row too, so the plan starts on the first screen.
      const tools = await person.page.locator('.toolbar').first().locator('button').evaluateAll((buttons) => new Set(buttons.map((button) => Math.round(button.getBoundingClientRect().top))).size);
      expect(tools, `${locale} ${viewport.width}`).toBe(1);
      if (viewport.width < 500) expect((await person.page.getByTestId('plan-title').boundingBox())!.y).toBeLessThan(viewport.height / 2);
      await screenshot(person.page, `plan-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.context.close();
    }
  });
}
