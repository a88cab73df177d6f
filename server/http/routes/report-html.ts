import { reportTexts, reportLanguages, type ReportLanguage } from '../../../shared/schema/fair-report-texts.ts';
import type { ReportCard, RouteReport } from './report-content.ts';

/** What the page embeds, so that a saved copy shows the same without the server. */
export interface HtmlAssets {
  /** `@font-face` rules with the app's fonts inlined, or '' when the built client is not there. */
  fontFaces: string;
  /** A photo's thumbnail as a data: URI, or undefined when it is missing. */
  photo(id: string): string | undefined;
  /** This report's address in another language, for the bar's language links. */
  hrefFor(lang: ReportLanguage): string;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The route report as one HTML page laid out for A4: a cover (title, place, dates, partners), then the
 * schedule and hosts, the river by day and stream, each host's key points, the plans, and the fair's and
 * committee's results once published. Chromium's print to PDF shapes Lao with the inlined Noto Sans Lao
 * and breaks its lines between words (see boards-notes), so the browser is the PDF writer. Headings in
 * `lang`, contributions as written; a small bar (hidden in print) prints it and changes the language.
 */
export function reportHtml(report: RouteReport, lang: ReportLanguage, assets: HtmlAssets): string {
  const h = reportTexts[lang];
  const teamName = Object.fromEntries(report.plans.map((plan) => [plan.teamId, plan.title]));
  const dayName = Object.fromEntries(report.days.map((day, i) => [day.id, [day.date, day.title].filter(Boolean).join(' · ') || String(i + 1)]));
  const hostName = Object.fromEntries(report.hosts.map((host) => [host.id, host.name]));
  const { route } = report;
  const dates = route.startDate ? `${route.startDate} – ${route.endDate || route.startDate}` : '';

  const photos = (ids: string[]): string => {
    const shown = ids.map((id) => assets.photo(id)).filter((uri): uri is string => uri !== undefined);
    return shown.length === 0 ? '' : `<div class="photos">${shown.map((uri) => `<img src="${uri}" alt="">`).join('')}</div>`;
  };
  const card = (item: ReportCard): string =>
    `<li class="card"><p>${escape(item.text)}</p>${item.author ? `<p class="author">${escape(item.author)}</p>` : ''}${photos(item.photos)}</li>`;
  const table = (head: string[], rows: Array<Array<string | number | null>>): string =>
    `<table><thead><tr>${head.map((cell) => `<th>${escape(cell)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell === null ? '–' : String(cell))}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;

  const cover = `<section class="cover">
  <p class="kind">${escape(h.report)}</p>
  <h1 data-testid="report-title">${escape(route.title)}</h1>
  <dl>
    ${route.place ? `<dt>${escape(h.place)}</dt><dd>${escape(route.place)}</dd>` : ''}
    ${dates ? `<dt>${escape(h.dates)}</dt><dd>${escape(dates)}</dd>` : ''}
    ${report.partners.length > 0 ? `<dt>${escape(h.partners)}</dt><dd>${report.partners.map(escape).join('<br>')}</dd>` : ''}
    ${report.hosts.length > 0 ? `<dt>${escape(h.hosts)}</dt><dd>${report.hosts.map((host) => escape(host.name)).join('<br>')}</dd>` : ''}
  </dl>
</section>`;

  const schedule = `<section><h2>${escape(h.schedule)}</h2>${report.days
    .map(
      (day) => `<h3>${escape(dayName[day.id]!)}</h3>${
        day.sessions.length === 0 ? `<p class="none">${escape(h.none)}</p>` : `<ul class="sessions">${day.sessions.map((s) => `<li><span class="time">${escape(s.time)}</span> ${escape(s.title)}</li>`).join('')}</ul>`
      }`,
    )
    .join('')}</section>`;

  const hosts = `<section><h2>${escape(h.hosts)}</h2>${
    report.hosts.length === 0
      ? `<p class="none">${escape(h.none)}</p>`
      : report.hosts
          .map((host) => `<div class="host"><h3>${escape(host.name)}${host.place ? ` <span class="muted">(${escape(host.place)})</span>` : ''}</h3>${host.summary ? `<p>${escape(host.summary)}</p>` : ''}</div>`)
          .join('')
  }</section>`;

  const riverDays = report.river.filter((day) => day.streams.some((stream) => stream.cards.length > 0));
  const river = `<section class="river"><h2>${escape(h.river)}</h2>${
    riverDays.length === 0
      ? `<p class="none">${escape(h.none)}</p>`
      : riverDays
          .map(
            (day) => `<h3>${escape(dayName[day.dayId] ?? day.dayId)}</h3>${day.streams
              .filter((stream) => stream.cards.length > 0)
              .map((stream) => `<h4>${escape(stream.label || h.streams[stream.kind as keyof typeof h.streams] || stream.kind)} <span class="muted">(${stream.cards.length})</span></h4><ul class="cards">${stream.cards.map(card).join('')}</ul>`)
              .join('')}`,
          )
          .join('')
  }</section>`;

  const grids = `<section><h2>${escape(h.grids)}</h2>${report.grids
    .map((grid) => `<h3>${escape(hostName[grid.hostId] ?? grid.hostId)}</h3><p class="label">${escape(h.keyPoints)}</p>${grid.keyPoints.length === 0 ? `<p class="none">${escape(h.none)}</p>` : `<ul class="cards">${grid.keyPoints.map(card).join('')}</ul>`}`)
    .join('')}</section>`;

  const plans = `<section><h2>${escape(h.plans)}</h2>${report.plans
    .map(
      (plan) => `<div class="plan"><h3>${escape(plan.title)}</h3><p class="muted">${escape(plan.team)}${plan.community ? ` · ${escape(h.community)}: ${escape(plan.community)}` : ''} · ${escape(h.status)}: ${escape(plan.status)}</p>${
        plan.summary ? `<p class="summary">${escape(plan.summary)}</p>` : ''
      }</div>`,
    )
    .join('')}</section>`;

  const fair = `<section><h2>${escape(h.fair)}</h2>${
    report.fair === null ? `<p class="none">${escape(h.notPublished)}</p>` : table([h.place_, h.plans, h.votes, h.points], report.fair.map((row) => [row.place, teamName[row.teamId] ?? row.teamId, row.votes, row.points]))
  }</section>`;
  const contest = `<section><h2>${escape(h.contest)}</h2>${
    report.contest === null
      ? `<p class="none">${escape(h.notPublished)}</p>`
      : table([h.place_, h.plans, h.mean, h.points, h.final], report.contest.map((row) => [row.place, teamName[row.teamId] ?? row.teamId, row.meanTotal, row.fairPoints, row.final]))
  }</section>`;

  const bar = `<nav class="bar"><button type="button" onclick="window.print()">${escape(h.print)}</button>${reportLanguages
    .map((other) => (other === lang ? `<strong>${other}</strong>` : `<a href="${escape(assets.hrefFor(other))}">${other}</a>`))
    .join(' ')}</nav>`;

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(route.title)} · ${escape(h.report)}</title>
<style>${assets.fontFaces}${styles}</style>
</head>
<body>
${bar}
<main data-testid="route-report">
${cover}
${schedule}
${hosts}
${river}
${grids}
${plans}
${fair}
${contest}
</main>
</body>
</html>
`;
}

const styles = `
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { color-scheme: light; }
body { margin: 0; font-family: 'Tributary Sans', 'Noto Sans', 'Noto Sans Lao', sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1d2a24; background: #f3f1ea; }
main { max-width: 180mm; margin: 0 auto 2rem; padding: 14mm 15mm; background: #fff; box-shadow: 0 1px 4px rgb(0 0 0 / 0.12); }
.bar { display: flex; gap: 0.75rem; align-items: center; justify-content: flex-end; max-width: 180mm; margin: 0.75rem auto; font-size: 11pt; }
.bar button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 6px; border: 1px solid #1f6f54; background: #1f6f54; color: #fff; cursor: pointer; }
.bar a { color: #1f6f54; }
h1 { font-size: 26pt; line-height: 1.2; margin: 0 0 10mm; }
h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #1f6f54; color: #174f3d; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-size: 11pt; margin: 3mm 0 1.5mm; color: #174f3d; break-after: avoid; }
section { margin-bottom: 9mm; }
section + section { break-before: page; }
.cover { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.cover .kind { text-transform: uppercase; letter-spacing: 0.08em; color: #1f6f54; font-weight: 600; margin: 0 0 4mm; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 8mm; font-size: 12pt; margin: 0; }
.cover dt { font-weight: 600; color: #4f5d56; }
.cover dd { margin: 0; }
.muted, .author, .label { color: #5b6962; }
.label { font-weight: 600; margin: 0 0 1.5mm; }
.none { color: #5b6962; font-style: italic; }
.sessions { list-style: none; padding: 0; margin: 0; }
.sessions li { padding: 0.6mm 0; break-inside: avoid; }
.time { display: inline-block; min-width: 14mm; font-variant-numeric: tabular-nums; color: #4f5d56; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2.5mm; }
.card { border: 0.75pt solid #c9d3cd; border-left: 3pt solid #2f8f6d; border-radius: 2mm; padding: 2mm 3mm; break-inside: avoid; }
.card p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.card .author { font-size: 9pt; margin-top: 1mm; }
.photos { display: flex; flex-wrap: wrap; gap: 1.5mm; margin-top: 1.5mm; }
.photos img { width: 32mm; height: 24mm; object-fit: cover; border-radius: 1mm; }
.host, .plan { break-inside: avoid; }
.summary { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; }
th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: 0.75pt solid #c9d3cd; }
th { background: #eaf2ee; }
@media print {
  body { background: #fff; }
  .bar { display: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
`;
