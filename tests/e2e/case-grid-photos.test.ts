import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus } from './people.ts';
import { addSlot, card, cardIn } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let picture: Buffer;
const viewport = { width: 1920, height: 1080 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  const sharp = (await import('sharp')).default;
  picture = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c0603a' } }).png().toBuffer();
});

/** Pastes a picture where the keyboard focus is, as Ctrl+V does with a screenshot on the clipboard. */
async function pastePicture(page: Page, png: Buffer): Promise<void> {
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

const photoOn = (page: Page, text: string) => card(page, text).getByTestId('card-photo');

test('a picture pasted while writing a new card in a grid cell becomes that card, with what was typed', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/cases/dyes', token: participant, viewport });
  const binh = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/cases/dyes', token: participant, viewport });
  await Promise.all([waitForStatus(ana.page, 'connected'), waitForStatus(binh.page, 'connected')]);

  await addSlot(ana.page, 'innovations', 'community').click();
  await ana.page.getByTestId('card-editor').fill('Natural indigo vats shared by the group');
  await pastePicture(ana.page, picture);
  await cardIn(ana.page, 'Natural indigo vats shared by the group', 'innovations', 'community');
  await photoOn(ana.page, 'Natural indigo vats shared by the group').waitFor();
  expect(await ana.page.getByTestId('card-editor').count()).toBe(0);
  // The other person on the group's grid sees the card with its photo.
  await photoOn(binh.page, 'Natural indigo vats shared by the group').waitFor();

  // Pasted onto the selected card, a second picture joins the first.
  await card(ana.page, 'Natural indigo vats shared by the group').click();
  await pastePicture(ana.page, picture);
  await ana.page.getByTestId('open-photos').filter({ hasText: '2' }).waitFor();
  await screenshot(ana.page, 'grid-pasted-photo-1920x1080', { fullPage: false });
  // Undo takes the second picture off again, the first stays.
  await ana.page.getByTestId('undo').click();
  await ana.page.getByTestId('open-photos').filter({ hasText: '1' }).waitFor();
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('river cards carry photos too: from a file, shown as a thumbnail, opened full size, taken off', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: participant, viewport });
  const binh = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/river', token: participant, viewport });
  await Promise.all([waitForStatus(ana.page, 'connected'), waitForStatus(binh.page, 'connected')]);

  const text = 'The dye garden behind the weaving house';
  await addSlot(ana.page, 'knowledge', 'd3').click();
  await ana.page.getByTestId('card-editor').fill(text);
  await ana.page.getByTestId('card-editor').press('Enter');
  await ana.page.getByTestId('card-editor').press('Escape');
  await card(ana.page, text).click();
  const sharp = (await import('sharp')).default;
  const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3c8a55' } }).jpeg().toBuffer();
  await ana.page.getByTestId('photo-input').setInputFiles({ name: 'IMG_0107.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await photoOn(ana.page, text).waitFor();
  await photoOn(binh.page, text).waitFor();
  await screenshot(binh.page, 'river-card-photo-1920x1080', { fullPage: false });
  // The addresses carry the route's photo pass, never the person's own token ("copy image address").
  const carriesPass = (src: string | null): void => {
    expect(src).toMatch(/[?&]token=d1\./);
    expect(src).not.toContain(encodeURIComponent(participant));
  };
  carriesPass(await photoOn(binh.page, text).getAttribute('src'));

  await ana.page.getByTestId('open-photos').click();
  await ana.page.getByTestId('full-photo').waitFor();
  carriesPass(await ana.page.getByTestId('full-photo').getAttribute('src'));
  expect(await ana.page.getByTestId('full-photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await ana.page.getByTestId('photo-viewer').getByRole('button', { name: 'Remove this photo from the card' }).click();
  await ana.page.getByTestId('photo-viewer').getByRole('button', { name: 'Close' }).click();
  await photoOn(binh.page, text).waitFor({ state: 'detached' });

  // A picture pasted into a river cell while writing a card there becomes a card with it.
  await addSlot(ana.page, 'challenges', 'd3').click();
  await ana.page.getByTestId('card-editor').fill('Rain spoils the drying yarn');
  await pastePicture(ana.page, picture);
  await cardIn(binh.page, 'Rain spoils the drying yarn', 'challenges', 'd3');
  await photoOn(binh.page, 'Rain spoils the drying yarn').waitFor();
  await Promise.all([ana.context.close(), binh.context.close()]);
});
