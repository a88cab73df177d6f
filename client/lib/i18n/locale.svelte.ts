export const locales = ['en', 'lo', 'vi'] as const;
export type Locale = (typeof locales)[number];

const storageKey = 'tributary.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A choice made on this device wins; otherwise the browser's languages, in their order of preference. */
function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (isLocale(stored)) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const language = tag.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}

class CurrentLocale {
  value = $state<Locale>(initialLocale());
}

const current = new CurrentLocale();

/** The language of the interface; reading it in a template or effect re-runs them when it changes. */
export function getLocale(): Locale {
  return current.value;
}

/** Switches the interface language and remembers it for this person on this device. */
export function setLocale(locale: Locale): void {
  current.value = locale;
  globalThis.localStorage?.setItem(storageKey, locale);
  applyDocumentLanguage();
}

/**
 * `<html lang>` picks the right font and line breaking for Lao (which has no spaces between words) and
 * tells screen readers how to pronounce the page.
 */
export function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current.value;
}
