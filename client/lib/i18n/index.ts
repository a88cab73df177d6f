export { defineMessages, type Message, type MessageParams, type Translation } from './define-messages.ts';
export { applyDocumentLanguage, getLocale, locales, setLocale, type Locale } from './locale.svelte.ts';
export { formatDateRange, formatDay } from './format.ts';
export { hasMessage, localeNames, t } from './messages.ts';
export { streamName } from './stream-name.ts';
