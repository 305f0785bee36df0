/**
 * The ROI report as one self-contained HTML file: inline CSS, charts as inline SVG, no script, no
 * external resource, readable printed (each section starts a page in print).
 */
import { SEVERITIES } from '../../advisory/types.js';
import type { ReportImage, RoiReport } from '../../history/resolved/roi-report.js';
import { countingNotes } from './assumptions.js';
import { cumulativeChart, resolvedChart, totalsChart } from './charts.js';

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const money = (n: number, currency: string) => `${num(n)} ${esc(currency)}`;

const CSS = `body{font-family:system-ui,sans-serif;color:#1c2530;margin:32px auto;max-width:820px;line-height:1.4}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.sub{color:#57606a;margin:0 0 16px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eaeef2}
td.n,th.n{text-align:right}td.k{white-space:nowrap}figure{margin:8px 0}ol{font-size:13px}section{page-break-inside:avoid}
@media print{body{margin:0}section.page{break-before:page}}`;

function card(label: string, value: string): string {
  return `<div class="card">${esc(label)}<b>${value}</b></div>`;
}

function imageSection(img: ReportImage, r: RoiReport): string {
  const c = r.assumptions.currency;
  const sev = SEVERITIES.map((s) => `<td class="n">${img.bySeverity[s]}</td>`).join('');
  const ttf = SEVERITIES.filter((s) => img.timeToFix[s].count > 0)
    .map((s) => {
      const t = img.timeToFix[s];
      return `<tr><td>${s}</td><td class="n">${t.count}</td><td class="n">${t.medianDays}</td><td class="n">${t.p90Days}</td><td class="n">${t.slaDays}</td><td class="n">${Math.round((t.withinSla ?? 0) * 100)}%</td></tr>`;
    })
    .join('');
  const avoided = img.avoided
    .map(
      (a) =>
        `<tr><td>${esc(a.alternative)}</td><td class="n">${a.alternativeAccumulated}</td><td class="n">${a.chosenAccumulated}</td><td class="n">${a.cves}</td><td class="n">${num(a.hours, 1)}</td><td class="n">${money(a.money, c)}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(img.ref)}</h2>
<div class="cards">${card('Resolved', num(img.total))}${card('Hours saved', num(img.roi.hours, 1))}${card('Saved', money(img.roi.money, c))}${card('Latest CVE count', img.latest ? `${img.latest.total} <small>(${esc(img.latest.day)})</small>` : 'no data')}</div>
<table><thead><tr><th>resolved by severity</th>${SEVERITIES.map((s) => `<th class="n">${s}</th>`).join('')}</tr></thead><tbody><tr><td>${img.total}</td>${sev}</tr></tbody></table>
<table><thead><tr><th>resolved by</th><th class="n">update</th><th class="n">advisory</th><th class="n">VEX</th></tr></thead><tbody><tr><td></td><td class="n">${img.byHow.update}</td><td class="n">${img.byHow.advisory}</td><td class="n">${img.byHow.vex}</td></tr></tbody></table>
${ttf ? `<table><thead><tr><th>time to fix</th><th class="n">fixes</th><th class="n">median days</th><th class="n">p90 days</th><th class="n">SLA days</th><th class="n">within SLA</th></tr></thead><tbody>${ttf}</tbody></table>` : '<p>No fix with a known detection time in this range.</p>'}
${avoided ? `<table><thead><tr><th>avoided against</th><th class="n">it accumulated</th><th class="n">this accumulated</th><th class="n">CVEs avoided</th><th class="n">hours</th><th class="n">money</th></tr></thead><tbody>${avoided}</tbody></table>` : ''}`;
}

/** The whole report as HTML. */
export function renderRoiHtml(r: RoiReport): string {
  const c = r.assumptions.currency;
  const many = r.images.length > 1;
  const recent = r.images
    .flatMap((i) => i.resolutions.map((x) => ({ ...x, ref: i.ref })))
    .sort((a, b) => (a.at > b.at ? -1 : 1))
    .slice(0, 20)
    .map(
      (x) =>
        `<tr><td class="k">${esc(x.day)}</td>${many ? `<td>${esc(x.ref)}</td>` : ''}<td class="k">${esc(x.vulnerability)}</td><td>${esc(x.severity)}</td><td>${esc(x.package)}</td><td>${esc(x.how)}</td><td>${esc(x.detail)}</td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>cleanroom report: CVEs resolved since ${esc(r.since)}</title><style>${CSS}</style></head>
<body><main>
<section><h1>CVEs resolved since ${esc(r.since)}</h1>
<p class="sub">${r.images.map((i) => esc(i.ref)).join(', ')} · ${esc(r.since)} to ${esc(r.to)} · generated ${esc(r.generatedAt)} by ${esc(r.scanner.name)} ${esc(r.scanner.version)}</p>
<div class="cards">${card('Resolved CVEs', num(r.total.resolved))}${card('Engineering hours saved', num(r.total.hours, 1))}${card('Money saved', money(r.total.money, c))}${card('CVEs avoided', num(r.total.avoided.cves))}</div>
${r.images.map((i) => imageSection(i, r)).join('\n')}</section>
<section class="page"><h2>Charts</h2>
<figure id="chart-resolved">${resolvedChart(r)}</figure>
<figure id="chart-totals">${totalsChart(r)}</figure>
<figure id="chart-cumulative">${cumulativeChart(r)}</figure></section>
<section class="page"><h2>Latest resolutions</h2>
${recent ? `<table><thead><tr><th>day</th>${many ? '<th>image</th>' : ''}<th>vulnerability</th><th>severity</th><th>package</th><th>how</th><th>what</th></tr></thead><tbody>${recent}</tbody></table><p class="sub">The 20 latest; the CSV and JSON formats list every resolution.</p>` : '<p>None in this range.</p>'}
</section>
<section class="page"><h2>How these numbers are counted</h2><ol>${countingNotes(r)
    .map((n) => `<li>${esc(n)}</li>`)
    .join('')}</ol></section>
</main></body></html>
`;
}
