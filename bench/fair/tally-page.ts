import { chromium, type Browser } from 'playwright-core';

/**
 * The room screen's tally page (`/r/<route>/tally`, the screen's token) in headless Debian Chromium: every
 * time the votes it draws add up to more, when (the page's real clock, `performance.timeOrigin +
 * performance.now()`, the same as the bench's), so a ballot's latency runs to the projector's pixels.
 */
export interface TallyPage {
  /** The drawn totals as they grew, in epoch milliseconds. */
  seen(): Promise<Array<{ at: number; votes: number }>>;
  close(): Promise<void>;
}

export async function openTallyPage(url: string, routeId: string, token: string): Promise<TallyPage> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript({ content: `localStorage.setItem('tributary.name', 'Room screen'); localStorage.setItem('tributary.locale', 'en');` });
  const page = await context.newPage();
  await page.goto(`${url}/r/${routeId}/tally?token=${token}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.getByTestId('vote-status').waitFor({ timeout: 120_000 });
  // No named function inside: tsx would wrap it in a helper (__name) that the page does not have.
  await page.evaluate(() => {
    const seen: Array<{ at: number; votes: number }> = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      let votes = 0;
      for (const element of document.querySelectorAll('[data-testid^="tally-votes-"]')) votes += parseInt(element.textContent ?? '', 10) || 0;
      if (votes > (seen.at(-1)?.votes ?? 0)) seen.push({ at: performance.timeOrigin + performance.now(), votes });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return {
    seen: () => page.evaluate(() => (window as unknown as { __seen: Array<{ at: number; votes: number }> }).__seen),
    close: () => browser.close(),
  };
}
