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
  return [
    `Range: ${r.since} to ${r.to} (UTC days). Scanner: ${r.scanner.name} ${r.scanner.version}. Advisory DB built ${r.db?.builtAt ?? 'n/a'}; feeds: ${feeds}.`,
    'Resolved by update: a vulnerability the tag carried before a rebuild and not after it, dated at the rebuild.',
    'Resolved by advisory: a feed event marked it fixed or not affected (false positive) for a package the image held that day; each counts once, on its first date.',
    'Resolved by VEX: a VEX statement said fixed or not_affected about a vulnerability the image carried.',
    'Count unit: one per distinct vulnerability (aliases collapsed to the CVE id); negligible counted apart.',
    `Time to fix: from first detection (the feed's detection, or the vulnerability's publication or first observation in the tag, the earlier) to resolution; a false positive has none. SLA: critical ${r.sla.critical} days, high ${r.sla.high}, medium ${r.sla.medium}, low ${r.sla.low}.`,
    `Hours saved = resolved × ${a.hoursPerCve} hours per CVE${perSeverity ? ` (per severity: ${perSeverity})` : ''}; money = hours × ${a.hourlyRate} ${a.currency} per hour.`,
    'Avoided = CVEs an alternative image accumulated over the range (newly identified since the start date) minus what the chosen image accumulated, valued at the same hours and rate.',
    'Totals over time: observed points are what a scan said that day; other days are replayed (the digest of that day matched against the advisories as known that day). Days without data are gaps, not zeros.',
    'Coverage: a count is only as complete as the feeds behind it; a Debian count built from fixed CVEs alone is a lower bound.',
  ];
}
