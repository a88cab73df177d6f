/**
 * How one comparison row is drawn on the projector: its type size in CSS pixels, how many columns the
 * groups flow in, whether a group may break across columns, and how many lines a card's text keeps.
 */
export interface RowFit {
  font: number;
  columns: number;
  /** Groups whole in their column (false), or breaking between cards to fill every column (true). */
  flow: boolean;
  lines: number;
}

export interface RowFitLimits {
  /** The largest type worth drawing (large enough for a few cards to fill the screen). */
  max: number;
  /** The smallest type read from the back of a room. */
  floor: number;
  /** Below the floor, only when even the most compact layout would not show every card. */
  least: number;
  groups: number;
}

/**
 * Type sizes as shares of the window's width: the floor is 24 px at 1920 (what reads from the back of a
 * room), the largest 48 px; under the floor (at most 15 px at 1920) only for a row too long for the screen.
 */
export const rowFontShare = { max: 0.025, floor: 0.0125, least: 0.0078 } as const;

/** Lines a card keeps: most cards are a sentence or two; past these, '…' (the grid shows the rest). */
export const rowCardLines = { roomy: 6, tight: 3 } as const;
/** More columns than this make a column narrower than a line of a few words at the floor. */
const mostColumns = 4;
const wholeColumns = 3;

/** The largest whole type size in [low, high] that fits, or null; fitting is taken to shrink with the size. */
function largestFitting(low: number, high: number, fits: (font: number) => boolean): number | null {
  if (!fits(low)) return null;
  let [good, bad] = [low, high + 1];
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * The layout a row gets, tried in the order a reader would want them, `fits` measuring each in the page:
 * the groups whole, under one another or in two or three columns, at the largest type that fits; when
 * not even the floor fits, at the floor with the groups flowing over up to four columns, then with cards
 * cut to three lines; only past all that (a row of a great many cards) smaller than the floor, so that
 * nothing is ever out of sight.
 */
export function chooseRowFit(fits: (fit: RowFit) => boolean, limits: RowFitLimits): RowFit {
  let best: RowFit | null = null;
  for (let columns = 1; columns <= Math.max(1, Math.min(wholeColumns, limits.groups)); columns += 1) {
    const low = best ? best.font + 1 : limits.floor;
    if (low > limits.max) break;
    const font = largestFitting(low, limits.max, (size) => fits({ font: size, columns, flow: false, lines: rowCardLines.roomy }));
    if (font !== null) best = { font, columns, flow: false, lines: rowCardLines.roomy };
  }
  if (best) return best;
  for (const lines of [rowCardLines.roomy, rowCardLines.tight]) {
    for (let columns = Math.min(wholeColumns, Math.max(2, limits.groups)); columns <= mostColumns; columns += 1) {
      const fit = { font: limits.floor, columns, flow: true, lines };
      if (fits(fit)) return fit;
    }
  }
  const compact = { columns: mostColumns, flow: true, lines: rowCardLines.tight };
  const font = largestFitting(limits.least, limits.floor - 1, (size) => fits({ ...compact, font: size })) ?? limits.least;
  return { ...compact, font };
}
