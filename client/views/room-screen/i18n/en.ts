/** The room screen's strings in English: the reference catalog for the Lao and Vietnamese ones. */
export const en = {
  'screen.label': 'The Learning Route river, live',
  'screen.contributions': { one: '{count} contribution', other: '{count} contributions' },
  'screen.people': { one: '{count} person on the board', other: '{count} people on the board' },
  'screen.more': { one: 'more card', other: 'more cards' },
  'screen.chosen': 'Chosen',
  'screen.loading': 'Loading the river…',
  'screen.noDays': 'This route has no days yet.',
} as const;
