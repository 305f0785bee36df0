/** An OSV record → the normalised Advisory (pure). */
import { severityFromCvss, severityFromName } from '../../severity.js';
import type { Advisory, Affected, SeverityRating, VersionRange } from '../../types.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './schema.js';

/**
 * Who rated a record, from its id prefix: GHSA → ghsa, GO → go, a bare CVE (records converted
 * from NVD, as osv.dev and our peer fixtures do) → nvd; others use their prefix (pysec, rustsec …).
 */
export function ratingSource(id: string): string {
  const prefix = id.split('-')[0]?.toLowerCase() ?? 'osv';
  return prefix === 'cve' ? 'nvd' : prefix;
}

/** The normalised advisory of one validated OSV record. */
export function normaliseOsv(record: OsvRecord, feed: string): Advisory {
  const source = ratingSource(record.id);
  const aliases = [...new Set([...(record.aliases ?? []), ...(record.upstream ?? [])])].filter(
    (a) => a !== record.id,
  );
  const severities = ratings(record.severity ?? [], source);
  const word = specificSeverity(record.database_specific);
  if (word) severities.push({ source, level: severityFromName(word) });
  const affected = (record.affected ?? []).flatMap((a) => normaliseAffected(a, source));
  const summary = record.summary ?? record.details?.split('\n')[0];
  return {
    id: record.id,
    aliases,
    ...(summary ? { summary } : {}),
    ...(record.published ? { published: record.published } : {}),
    modified: record.modified,
    ...(record.withdrawn ? { withdrawn: record.withdrawn } : {}),
    severities,
    affected,
    references: (record.references ?? []).map((r) => r.url),
    feed,
  };
}

function normaliseAffected(a: OsvAffected, source: string): Affected[] {
  // an entry without a package (GIT ranges of a repository only) cannot be matched to a package
  if (!a.package) return [];
  const ranges = (a.ranges ?? []) as VersionRange[];
  const fixes = ranges.flatMap((r) => r.events.flatMap((e) => ('fixed' in e ? [e.fixed] : [])));
  // several ranges can each carry a fix; the last is the newest branch's, the matcher uses ranges
  const fixedVersion = fixes.at(-1);
  const word = specificSeverity(a.ecosystem_specific) ?? specificSeverity(a.database_specific);
  const rating =
    ratings(a.severity ?? [], source)[0] ?? (word ? { source, level: severityFromName(word) } : undefined);
  return [
    {
      ecosystem: a.package.ecosystem,
      package: a.package.name,
      ranges,
      ...(a.versions && a.versions.length > 0 ? { versions: a.versions } : {}),
      fixState: fixedVersion === undefined ? 'not-fixed' : 'fixed',
      ...(fixedVersion === undefined ? {} : { fixedVersion }),
      ...(rating ? { severity: rating } : {}),
    },
  ];
}

/** OSV `severity[]`: CVSS vectors get score and level; named schemes (Ubuntu) their word's level. */
function ratings(list: OsvSeverity[], source: string): SeverityRating[] {
  return list.map((s) => {
    if (s.type.startsWith('CVSS_')) {
      const cvss = severityFromCvss(s.score);
      return {
        source,
        level: cvss?.level ?? 'unknown',
        cvss: s.score,
        ...(cvss ? { score: cvss.score } : {}),
      };
    }
    return { source: s.type.toLowerCase(), level: severityFromName(s.score) };
  });
}

function specificSeverity(specific: { severity?: unknown } | null | undefined): string | undefined {
  const value = specific?.severity;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
