import { cumulativeFlow, type Card, type Stream } from '../../../../shared/schema/river.ts';
import type { Team } from '../../../../shared/schema/route.ts';
import type { BoardLayout } from '../../../components/cards/layout.ts';

/**
 * The drawn river, in board units: one band per stream, stacked, flowing through the day columns and
 * widening with the contributions so far (`cumulativeFlow`), then splitting at the last day into one
 * branch per team, each running out to the community its innovation plan will serve.
 */
export interface RiverShape {
  bands: Array<{ id: string; color: string; path: string }>;
  /** The whole river's outline, drawn soft and wide underneath as water. */
  water: string;
  branches: Array<{ team: Team; path: string; labelY: number }>;
  /** Per day: the column's centre, its lower bank, the cards added that day and the river's total so far. */
  days: Array<{ x: number; bank: number; added: number; total: number }>;
  labelX: number;
  labelWidth: number;
  labelHeight: number;
  /** The board's height with the teams' labels, which may reach below the last lane. */
  bottom: number;
}

/** The river at its narrowest (a spring) and widest, as fractions of its band's height. */
const thinnest = 0.12;
const widest = 0.86;
const branchReach = 150;

interface Edge {
  x: number;
  top: number;
  bottom: number;
}

/** A smooth curve through points with level tangents, as a river bank runs. */
function bank(points: Array<{ x: number; y: number }>, start: 'M' | 'L'): string {
  let d = `${start}${points[0]!.x.toFixed(1)},${points[0]!.y.toFixed(1)}`;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const mid = (a.x + b.x) / 2;
    d += `C${mid.toFixed(1)},${a.y.toFixed(1)} ${mid.toFixed(1)},${b.y.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
  }
  return d;
}

function ribbon(edges: Edge[]): string {
  const top = edges.map((e) => ({ x: e.x, y: e.top }));
  const bottom = [...edges].reverse().map((e) => ({ x: e.x, y: e.bottom }));
  return `${bank(top, 'M')}${bank(bottom, 'L')}Z`;
}

export function riverShape(layout: BoardLayout, streams: Stream[], cards: Card[], teams: Team[]): RiverShape {
  const { params, columns } = layout;
  const dayIds = columns.map((c) => c.day.id);
  const top = params.headerHeight;
  const height = params.riverHeight;
  const middle = top + height / 2;
  const totals = cumulativeFlow(cards, dayIds);
  const most = Math.max(1, totals.at(-1) ?? 0);
  const byStream = streams.map((stream) => cumulativeFlow(cards.filter((card) => card.streamId === stream.id), dayIds));

  // Stations: a spring before the first day, each day's centre, and the mouth after the last day.
  const first = columns[0];
  const last = columns.at(-1);
  const stations: Array<{ x: number; thickness: number; shares: number[] }> = [];
  const sharesAt = (day: number): number[] =>
    streams.map((_, s) => (totals[day]! > 0 ? byStream[s]![day]! / totals[day]! : 1 / Math.max(1, streams.length)));
  if (first && last) {
    stations.push({ x: first.x - params.labelWidth * 0.6, thickness: thinnest * 0.5 * height, shares: sharesAt(0) });
    columns.forEach((column, day) => {
      const fraction = thinnest + (widest - thinnest) * (totals[day]! / most);
      stations.push({ x: column.x + column.width / 2, thickness: fraction * height, shares: sharesAt(day) });
    });
    stations.push({ ...stations.at(-1)!, x: last.x + last.width });
  }

  const bands = streams.map((stream, s) => {
    const edges = stations.map((station) => {
      const above = station.shares.slice(0, s).reduce((sum, share) => sum + share, 0);
      const upper = middle - station.thickness / 2 + above * station.thickness;
      return { x: station.x, top: upper, bottom: upper + station.shares[s]! * station.thickness };
    });
    return { id: stream.id, color: stream.color, path: edges.length > 1 ? ribbon(edges) : '' };
  });
  const outline = stations.map((st) => ({ x: st.x, top: middle - st.thickness / 2 - 6, bottom: middle + st.thickness / 2 + 6 }));

  const labelHeight = params.cardHeight;
  const labelX = layout.outflowX + branchReach;
  const spacing = labelHeight + 18;
  const firstLabel = Math.max(top, middle - ((teams.length - 1) * spacing) / 2);
  const mouth = stations.at(-1);
  const branches = mouth
    ? teams.map((team, i) => {
        const share = mouth.thickness / teams.length;
        const from = middle - mouth.thickness / 2 + i * share;
        const labelY = firstLabel + i * spacing + labelHeight / 2;
        const reach = Math.max(8, share * 0.55);
        return {
          team,
          labelY,
          path: ribbon([
            { x: mouth.x - 1, top: from, bottom: from + share },
            { x: labelX, top: labelY - reach / 2, bottom: labelY + reach / 2 },
          ]),
        };
      })
    : [];

  return {
    bands,
    water: outline.length > 1 ? ribbon(outline) : '',
    branches,
    days: columns.map((column, day) => ({
      x: column.x + column.width / 2,
      bank: middle + stations[day + 1]!.thickness / 2,
      added: totals[day]! - (day > 0 ? totals[day - 1]! : 0),
      total: totals[day]!,
    })),
    labelX,
    labelWidth: params.outflowWidth - branchReach - 24,
    labelHeight,
    bottom: Math.max(layout.height, ...branches.map((branch) => branch.labelY + labelHeight / 2 + 24)),
  };
}
