/**
 * English, the reference catalog: its keys define `MessageKey`, and Lao and Vietnamese catalogs must
 * provide every one. `{name}` is filled in by `t`; an object picks a plural category (Intl.PluralRules).
 */
export const en = {
  'app.title': 'Tributary',
  'app.documentLabel': 'Board',
  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Connection lost, reconnecting…',
  'connection.refused': 'No access',
  'refusal.token_missing': 'This link has no access token. Ask the facilitator for the board link.',
  'refusal.token_invalid': 'This access token is not valid. Ask the facilitator for a new link.',
  'refusal.token_expired': 'This access token has expired. Ask the facilitator for a new link.',
  'refusal.forbidden': 'This token does not give access to this board.',
  'refusal.invalid_document_name': 'This board address is not valid. Check the link.',
  'refusal.closed': 'The server ended access to this board ({reason}). Ask the facilitator for a new link.',
  'access.readOnly': 'You can view this board but not change it.',
  'notes.heading': 'Notes',
  'notes.placeholder': 'Write a note…',
  'notes.add': 'Add',
  'notes.delete': 'Delete',
  'notes.deleteLabel': 'Delete note: {text}',
  'notes.empty': 'No notes yet. Add the first one.',
  'notes.emptyReadOnly': 'No notes yet.',
  'presence.label': 'Your name',
  'presence.guest': 'Guest {number}',
  'presence.here': { one: '{count} person here:', other: '{count} people here:' },
  'presence.you': '{name} (you)',
} as const;

export type MessageKey = keyof typeof en;
type Message = string | { readonly one?: string; readonly other: string };
export type Catalog = Record<MessageKey, Message>;
