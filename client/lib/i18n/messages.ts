import { en, type Catalog, type MessageKey } from './en.ts';

// Lao and Vietnamese join here; `Catalog` makes a missing key a type error.
const catalogs: Record<string, Catalog> = { en };

function pickLocale(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if (language in catalogs) return language;
  }
  return 'en';
}

export const locale = pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
const catalog = catalogs[locale] ?? en;
const plurals = new Intl.PluralRules(locale);

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const message: Catalog[MessageKey] = catalog[key];
  const template =
    typeof message === 'string'
      ? message
      : (message[plurals.select(Number(params.count)) as keyof typeof message] ?? message.other);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function hasMessage(key: string): key is MessageKey {
  return key in catalog;
}
