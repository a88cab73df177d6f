import { getLocale, type Locale } from './locale.svelte.ts';

/** A plain string, or one string per plural category of the locale (Intl.PluralRules), `other` required. */
export type Message = string | { readonly [category in Intl.LDMLPluralRule]?: string } & { readonly other: string };

/** What Lao and Vietnamese catalogs must provide: a message for every key of the English one. */
export type Translation<English> = { readonly [key in keyof English]: Message };

export type MessageParams = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/**
 * One view's (or the app's) messages in every language. `en` defines the keys; the returned `t` reads
 * the current locale, so a template using it re-renders when the language changes. `{name}` placeholders
 * are filled from `params`; a plural message picks its form by `params.count`.
 */
export function defineMessages<const English extends Record<string, Message>>(catalogs: {
  en: English;
  lo: Translation<English>;
  vi: Translation<English>;
}): {
  t: (key: keyof English & string, params?: MessageParams) => string;
  has: (key: string) => key is keyof English & string;
} {
  const t = (key: keyof English & string, params: MessageParams = {}): string => {
    const locale = getLocale();
    const message: Message = catalogs[locale][key] ?? catalogs.en[key];
    const template =
      typeof message === 'string' ? message : (message[pluralCategory(locale, Number(params.count))] ?? message.other);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  };
  const has = (key: string): key is keyof English & string => Object.hasOwn(catalogs.en, key);
  return { t, has };
}
