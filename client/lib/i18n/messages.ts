import { defineMessages } from './define-messages.ts';
import { en } from './en.ts';
import { lo } from './lo.ts';
import { vi } from './vi.ts';
import type { Locale } from './locale.svelte.ts';

/** The app's shared strings; views define their own with `defineMessages`. */
export const { t, has: hasMessage } = defineMessages({ en, lo, vi });

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = { en: 'English', lo: 'ພາສາລາວ', vi: 'Tiếng Việt' };
