/**
 * "How these numbers are counted": every rule and assumption a report's numbers stand on, in
 * words, from the report itself (so the HTML, PDF and Markdown say the same).
 */
import type { RoiReport } from '../../history/resolved/roi-report.js';

/** The report's rules and assumptions, one sentence each. */
export function countingNotes(r: RoiReport): string[] {
  const a = r.assumptions;
  const perSeverity = Object.entries(a.hoursBySeverity)
    .map(([s, h]) => `${s} ${h} h`)
    .join(', ');
  const feeds = r.db
    ? Object.entries(r.db.feeds)
        .map(([f, v]) => `${f} (${v})`)
        .join(', ')
    : 'none';
  const rules = r.rules;
  const filters = [
    rules.includeNegligible
      ? 'negligible counted in the totals'
      : 'negligible counted apart, out of the totals',
    ...(rules.ignoreStates.length ? [`fix states left out: ${rules.ignoreStates.join(', ')}`] : []),
    ...(rules.onlyFixed ? ['only vulnerabilities with a fix'] : []),
    ...(rules.cveOnly ? ['only vulnerabilities with a CVE id'] : []),
  ];
  const bounds = r.series.reduce((n, l) => n + l.points.filter((p) => p.lowerBound).length, 0);
  return [
    `Range: ${r.since} to ${r.to} (UTC days). Scanner: ${r.scanner.name} ${r.scanner.version}. Advisory DB built ${r.db?.builtAt ?? 'n/a'}; feeds: ${feeds}.`,
    r.lens === 'now'
      ? "Lens: as known now. Each day's image is matched against today's advisories (exposure in hindsight); an image nobody rebuilt is the same every day."
      : 'Lens: as known then. Each day the image the tag pointed to is matched against the advisories as known that day, what a scanner said then; observed and replayed days are the same computation.',
    'Resolved: an episode (a vulnerability in a package, counted from one day to another) ends once, by one cause: by update (rebuilt, and the old image would still carry it that day), by advisory (fixed, false positive or withdrawn; a supplier fix for a package the image holds counts once even when the image never showed the CVE), or by VEX (a statement said fixed or not_affected).',
    `Count unit: ${rules.countBy === 'package' ? 'one per (vulnerability, package)' : 'one per distinct vulnerability (aliases collapsed to the CVE id): a vulnerability resolved in two packages counts once'}; ${filters.join('; ')}.`,
    `Time to fix: from the start of the episode (or the feed's detection, where earlier) to its end; a false positive has none. SLA: critical ${r.sla.critical} days, high ${r.sla.high}, medium ${r.sla.medium}, low ${r.sla.low}.`,
    `Hours saved = resolved × ${a.hoursPerCve} hours per CVE${perSeverity ? ` (per severity: ${perSeverity})` : ''}; money = hours × ${a.hourlyRate} ${a.currency} per hour.`,
    "Cumulative = distinct vulnerabilities counted on any day of the range, the first day included. Avoided = the alternative's cumulative minus the chosen image's, valued at the same hours and rate (negative when the chosen image carried more).",
    'Totals over time: observed days (a scan stands for them) and replayed days are the same computation under the lens. Days without data are gaps, not zeros.',
    `Coverage: a count is only as complete as the feeds behind it; a Debian count built from fixed CVEs alone is a lower bound.${bounds ? ` ${bounds} point${bounds === 1 ? ' is a lower bound' : 's are lower bounds'}: records without a trusted date may have applied then.` : ''}`,
  ];
}
