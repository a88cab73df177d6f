import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { extractText } from 'unpdf';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { adminToken, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

const title = 'Pro-Rural Poor Public and Private Partnership in Lao PDR';
const words = (text: string): string => text.replace(/\s+/g, ' ');

test('the report opens from the setup page, prints to an A4 PDF holding the title and the river’s cards, in Lao and Vietnamese too', async () => {
  const facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  const person = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: facilitator, viewport: { width: 1366, height: 768 } });
  const link = person.page.getByTestId('report-print');
  await link.waitFor();
  const opening = person.context.waitForEvent('page');
  await link.click();
  const report = await opening;
  await report.getByTestId('route-report').waitFor();
  expect(new URL(report.url()).searchParams.get('lang')).toBe('en');
  // A download token in the address, good for the report for five minutes, not the facilitator's own.
  expect(new URL(report.url()).searchParams.get('token')).toMatch(/^d1\./);
  await report.emulateMedia({ media: 'print' });
  expect(await report.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
  const pdf = await report.pdf({ preferCSSPageSize: true });
  // A4 from the page's own @page rule: 595 x 842 points.
  expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
  const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
  expect(totalPages).toBeGreaterThanOrEqual(5);
  for (const expected of [title, 'Our group sells cardamom through a trader in Sayaboury', 'Learn how women’s groups negotiate with private companies', 'The Learning Route river']) {
    expect(words(text)).toContain(expected);
  }

  for (const lang of ['lo', 'vi'] as const) {
    await report.emulateMedia({ media: 'screen' });
    await report.getByRole('link', { name: lang, exact: true }).click();
    await report.waitForURL((url) => url.searchParams.get('lang') === lang);
    await report.getByTestId('route-report').waitFor();
    const heading = lang === 'lo' ? 'ຕາຕະລາງ' : 'Lịch trình';
    await report.getByRole('heading', { name: heading }).waitFor();
    await screenshot(report, `report-${lang}`, { fullPage: false });
    await report.getByRole('heading', { name: lang === 'lo' ? 'ແມ່ນ້ຳເສັ້ນທາງການຮຽນຮູ້' : 'Dòng sông Lộ trình học tập' }).scrollIntoViewIfNeeded();
    await screenshot(report, `report-${lang}-river`, { fullPage: false });
    await report.emulateMedia({ media: 'print' });
    const printed = await extractText(new Uint8Array(await report.pdf({ preferCSSPageSize: true })), { mergePages: true });
    // (pdf.js gives some Vietnamese letters back as a lone combining mark, 'L ̣ch trình': a heading without them.)
    expect(words(printed.text)).toContain(lang === 'lo' ? heading : 'Thời gian');
    expect(words(printed.text)).toContain(title);
  }
  await person.context.close();
});

test('the admin imports a route archive from the home page, under a new id when the route is here already', async () => {
  const archive = Buffer.from(await (await fetch(`${server.url}/api/routes/laos-2013/archive`, { headers: { authorization: `Bearer ${adminToken}` } })).arrayBuffer());
  const admin = await openPerson(browser, server, { name: 'Admin', path: '/', token: adminToken });
  const form = admin.page.getByTestId('import-route');
  await form.waitFor();
  await admin.page.getByTestId('import-file').setInputFiles({ name: 'laos-2013.tributary.tar', mimeType: 'application/x-tar', buffer: archive });
  await form.getByRole('button', { name: 'Import' }).click();
  await admin.page.getByTestId('import-failure').filter({ hasText: 'an import never replaces one' }).waitFor();
  expect(await admin.page.getByTestId('import-route-id').inputValue()).toBe('laos-2013-2');
  await screenshot(admin.page, 'import-route-exists', { fullPage: false });
  await form.getByRole('button', { name: 'Import' }).click();
  await admin.page.waitForURL((url) => url.pathname === '/r/laos-2013-2/setup');
  await admin.page.getByTestId('section-report').waitFor();
  await admin.context.close();
});
