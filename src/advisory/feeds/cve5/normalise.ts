/** A CVE JSON 5 record → an enrichment advisory: dates, description and CVSS ratings, no packages (pure). */
import { severityFromCvss, severityFromScore, severityFromV2Score } from '../../severity.js';
import type { Advisory, SeverityRating } from '../../types.js';
import type { Cve5Metric, Cve5Record } from './schema.js';

const VERSIONS = [
  ['cvssV4_0', severityFromScore],
  ['cvssV3_1', severityFromScore],
  ['cvssV3_0', severityFromScore],
  ['cvssV2_0', severityFromV2Score],
] as const;

/** The ratings of one metrics entry; the stated base score wins, the vector fills in when it is missing. */
export function metricRatings(metric: Cve5Metric, source: string): SeverityRating[] {
  const out: SeverityRating[] = [];
  for (const [key, band] of VERSIONS) {
    const m = metric[key];
    if (!m) continue;
    const computed =
      m.baseScore === undefined && m.vectorString ? severityFromCvss(m.vectorString) : undefined;
    const score = m.baseScore ?? computed?.score;
    out.push({
      source,
      level: score === undefined ? 'unknown' : band(score),
      ...(m.vectorString ? { cvss: m.vectorString } : {}),
      ...(score === undefined ? {} : { score }),
    });
  }
  return out;
}

/** Who an ADP container speaks for: CISA's vulnrichment is `cisa-adp`, others by their short name. */
function adpSource(shortName: string | undefined): string {
  return shortName === undefined ? 'adp' : shortName.toLowerCase();
}

/** The advisory of one CVE 5 record; `affected` stays empty (CNA product names do not match packages). */
export function normaliseCve5(r: Cve5Record, feed: string): Advisory {
  const meta = r.cveMetadata;
  const severities = [
    ...(r.containers.cna.metrics ?? []).flatMap((m) => metricRatings(m, 'cna')),
    ...(r.containers.adp ?? []).flatMap((a) =>
      (a.metrics ?? []).flatMap((m) => metricRatings(m, adpSource(a.providerMetadata?.shortName))),
    ),
  ];
  const description =
    r.containers.cna.descriptions?.find((d) => d.lang.startsWith('en')) ?? r.containers.cna.descriptions?.[0];
  const modified =
    meta.dateUpdated ??
    meta.datePublished ??
    meta.dateReserved ??
    meta.dateRejected ??
    '1970-01-01T00:00:00Z';
  const withdrawn = meta.state === 'REJECTED' ? (meta.dateRejected ?? modified) : undefined;
  return {
    id: meta.cveId,
    aliases: [],
    ...(description ? { summary: description.value } : {}),
    ...(meta.datePublished ? { published: meta.datePublished } : {}),
    modified,
    ...(withdrawn ? { withdrawn } : {}),
    severities,
    affected: [],
    feed,
  };
}
