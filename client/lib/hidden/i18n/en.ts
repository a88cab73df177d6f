/** What a board says of its hidden brainstorm's cards, the same on the river and the case grids. */
export const en = {
  'hidden.badge': 'Only you',
  'hidden.badgeAll': 'Hidden',
  'hidden.failed': 'Your card was not added: {message}',
  'hidden.changeFailed': 'Your card was not changed: {message}',
  'hidden.offline': 'the server cannot be reached. Try again when the connection is back.',
  'hidden.more': 'More',
  'hidden.less': 'Less',
} as const;
