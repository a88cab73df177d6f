import { describe, expect, it } from 'vitest';
import { chooseRowFit, rowCardLines, type RowFit } from '../../../../../client/views/case-grid/row-fit.ts';

const limits = { max: 48, floor: 24, least: 15, groups: 3 };

/** A row needing `area` of font² (its text grows with the square of the type), in columns of `height`. */
const fitsArea =
  (area: number, options: { wholeNeedsFlow?: boolean } = {}) =>
  (fit: RowFit): boolean => {
    if (options.wholeNeedsFlow && !fit.flow) return false;
    const perColumn = fit.flow ? 1 : 0.8; // whole groups leave gaps at the foot of a column
    const linesShare = fit.lines === rowCardLines.tight ? 0.8 : 1;
    return area * fit.font * fit.font * linesShare <= fit.columns * perColumn * 1000;
  };

describe('chooseRowFit', () => {
  it('draws a short row at the largest type, in the fewest columns that reach it', () => {
    expect(chooseRowFit(() => true, limits)).toEqual({ font: 48, columns: 1, flow: false, lines: rowCardLines.roomy });
    const fit = chooseRowFit(fitsArea(1), limits);
    // One column holds 800/1 = 28.28² of type; three hold 48 (capped at the largest).
    expect(fit).toEqual({ font: 48, columns: 3, flow: false, lines: rowCardLines.roomy });
  });

  it('takes the largest whole size between the floor and the largest', () => {
    const fit = chooseRowFit(fitsArea(3), limits);
    expect(fit.flow).toBe(false);
    expect(fit.columns).toBe(3);
    expect(fit.font).toBe(28); // 3·28² = 2352 <= 2400 < 3·29²
  });

  it('at the floor, flows the groups over more columns, then cuts cards to three lines, before going below it', () => {
    expect(chooseRowFit(fitsArea(5), limits)).toEqual({ font: 24, columns: 3, flow: true, lines: rowCardLines.roomy });
    expect(chooseRowFit(fitsArea(6.5), limits)).toEqual({ font: 24, columns: 4, flow: true, lines: rowCardLines.roomy });
    expect(chooseRowFit(fitsArea(8), limits)).toEqual({ font: 24, columns: 4, flow: true, lines: rowCardLines.tight });
    const below = chooseRowFit(fitsArea(12), limits);
    expect(below).toMatchObject({ columns: 4, flow: true, lines: rowCardLines.tight });
    expect(below.font).toBe(20); // 12·0.8·20² = 3840 <= 4000 < 12·0.8·21²
  });

  it('never goes below the least size, even when nothing fits', () => {
    expect(chooseRowFit(() => false, limits)).toEqual({ font: 15, columns: 4, flow: true, lines: rowCardLines.tight });
  });

  it('gives one group one column until it has to flow', () => {
    const calls: RowFit[] = [];
    chooseRowFit((fit) => (calls.push(fit), false), { ...limits, groups: 1 });
    expect(calls.filter((fit) => !fit.flow).every((fit) => fit.columns === 1)).toBe(true);
  });
});
