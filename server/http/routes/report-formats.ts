import { criterionIds } from '../../../shared/schema/fair-rubric.ts';
import { sheetTotal, type ScoreSheet } from '../../../shared/schema/fair-committee.ts';
import { reportTexts, type ReportLanguage } from '../../../shared/schema/fair-report-texts.ts';
import type { RouteReport } from './report-content.ts';

/** One line of text for Markdown: a card's line breaks would otherwise end its list item. */
const line = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** The route report in Markdown, headings in `lang`, contributions as written. */
export function reportMarkdown(report: RouteReport, lang: ReportLanguage): string {
  const h = reportTexts[lang];
  const teamName = Object.fromEntries(report.plans.map((plan) => [plan.teamId, plan.title]));
  const dayName = Object.fromEntries(report.days.map((day, i) => [day.id, [day.date, day.title].filter(Boolean).join(' · ') || String(i + 1)]));
  const out: string[] = [`# ${report.route.title}`, '', `*${h.report}*`, ''];
  if (report.route.place) out.push(`- ${h.place}: ${report.route.place}`);
  if (report.route.startDate) out.push(`- ${h.dates}: ${report.route.startDate} – ${report.route.endDate}`);
  if (report.partners.length > 0) out.push(`- ${h.partners}: ${report.partners.map(line).join(', ')}`);
  out.push('', `## ${h.schedule}`, '');
  for (const day of report.days) {
    out.push(`### ${dayName[day.id]}`, '');
    for (const session of day.sessions) out.push(`- ${[session.time, line(session.title)].filter(Boolean).join(' ')}`);
    out.push('');
  }
  out.push(`## ${h.hosts}`, '');
  for (const host of report.hosts) out.push(`- **${line(host.name)}**${host.place ? ` (${line(host.place)})` : ''}${host.summary ? `: ${line(host.summary)}` : ''}`);
  out.push('', `## ${h.river}`, '');
  for (const day of report.river) {
    const streams = day.streams.filter((stream) => stream.cards.length > 0);
    if (streams.length === 0) continue;
    out.push(`### ${dayName[day.dayId]}`, '');
    for (const stream of streams) {
      out.push(`#### ${stream.label || h.streams[stream.kind as keyof typeof h.streams] || stream.kind} (${stream.cards.length})`, '');
      for (const card of stream.cards) out.push(`- ${line(card.text)}${card.author ? ` — ${line(card.author)}` : ''}`);
      out.push('');
    }
  }
  out.push(`## ${h.grids}`, '');
  for (const grid of report.grids) {
    out.push(`### ${line(report.hosts.find((host) => host.id === grid.hostId)?.name ?? grid.hostId)}`, '', `**${h.keyPoints}**`, '');
    if (grid.keyPoints.length === 0) out.push(h.none);
    for (const point of grid.keyPoints) out.push(`- ${line(point.text)}`);
    out.push('');
  }
  out.push(`## ${h.plans}`, '');
  for (const plan of report.plans) {
    out.push(`### ${line(plan.title)}`, '', `- ${line(plan.team)}${plan.community ? ` · ${h.community}: ${line(plan.community)}` : ''}`, `- ${h.status}: ${plan.status}`, '');
    if (plan.summary) out.push(plan.summary, '');
  }
  out.push(`## ${h.fair}`, '');
  if (report.fair === null) out.push(h.notPublished, '');
  else {
    out.push(`| ${h.place_} | ${h.plans} | ${h.votes} | ${h.points} |`, '|---|---|---|---|');
    for (const row of report.fair) out.push(`| ${row.place} | ${line(teamName[row.teamId] ?? row.teamId)} | ${row.votes} | ${row.points} |`);
    out.push('');
  }
  out.push(`## ${h.contest}`, '');
  if (report.contest === null) out.push(h.notPublished, '');
  else {
    out.push(`| ${h.place_} | ${h.plans} | ${h.mean} | ${h.points} | ${h.final} |`, '|---|---|---|---|---|');
    for (const row of report.contest) {
      out.push(`| ${row.place ?? '–'} | ${line(teamName[row.teamId] ?? row.teamId)} | ${row.meanTotal ?? '–'} | ${row.fairPoints} | ${row.final ?? '–'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
const cell = (value: string | number | boolean | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
export const csv = (rows: Array<Array<string | number | boolean | null>>): string => rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

export function votesCsv(ballots: Array<{ person: string; team: string; votes: Record<string, number> }>, planTitle: Record<string, string>): string {
  return csv([
    ['person', 'team', 'plan', 'plan_title', 'votes'],
    ...ballots.flatMap((ballot) => Object.entries(ballot.votes).map(([teamId, count]) => [ballot.person, ballot.team, teamId, planTitle[teamId] ?? '', count])),
  ]);
}

export function scoresCsv(sheets: ScoreSheet[], members: Record<string, string>, planTitle: Record<string, string>): string {
  return csv([
    ['plan', 'plan_title', 'member', ...criterionIds, 'total', ...criterionIds.map((id) => `${id}_comment`)],
    ...sheets.map((sheet) => [
      sheet.teamId,
      planTitle[sheet.teamId] ?? '',
      members[sheet.memberId] ?? sheet.memberId,
      ...criterionIds.map((id) => sheet.scores[id]),
      sheetTotal(sheet),
      ...criterionIds.map((id) => sheet.comments[id]),
    ]),
  ]);
}
