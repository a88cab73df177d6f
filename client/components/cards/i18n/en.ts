/** Strings of the card boards' shared parts (river, grids) in English: the reference catalog. */
export const en = {
  'zoom.in': 'Zoom in',
  'zoom.out': 'Zoom out',
  'zoom.fit': 'Fit to screen',
  'cards.editorLabel': 'Card text',
  'cards.editorHint': 'Enter saves, Shift+Enter starts a new line, Escape cancels.',
} as const;
