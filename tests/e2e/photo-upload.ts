import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * Gives the selected card a photo through the selection bar's file input, as a phone's camera would, and
 * waits until the card draws it: the card's photo, to follow.
 */
export async function attachPhoto(page: Page, onCard: Locator, name: string, background: string): Promise<Locator> {
  const sharp = (await import('sharp')).default;
  const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background } }).jpeg().toBuffer();
  await page.getByTestId('photo-input').setInputFiles({ name, mimeType: 'image/jpeg', buffer: jpeg });
  const photo = onCard.getByTestId('card-photo');
  await photo.waitFor();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  return photo;
}
