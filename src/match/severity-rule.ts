import type { Severity, SeverityRating } from '../advisory/types.js';

export interface ChosenSeverity {
  severity: Severity;
  source: string;
  cvss?: { score: number; vector?: string; source: string };
}

/** Sources whose CVSS scores are preferred, in order, when the distribution gives no rating. */
const CVSS_SOURCES = ['nvd', 'cna', 'cisa-adp'];

const isV2 = (r: SeverityRating) => r.cvss !== undefined && !r.cvss.startsWith('CVSS:');
const withScore = (r: SeverityRating) => r.score !== undefined;
const rank = (r: SeverityRating) => {
  const i = CVSS_SOURCES.indexOf(r.source);
  return i === -1 ? CVSS_SOURCES.length : i;
};

/**
 * DESIGN.md's severity rule: the distribution's own rating where it has one, else a CVSS v3/v4
 * base score (NVD first, then the CNA, then CISA-ADP, then any other), else a label such as
 * GHSA's, else CVSS v2, else `unknown`.
 */
export function chooseSeverity(
  distroSources: ReadonlySet<string>,
  ratings: readonly SeverityRating[],
): ChosenSeverity {
  const distro = ratings.find((r) => distroSources.has(r.source) && r.level !== 'unknown');
  const scored = ratings.filter((r) => withScore(r) && !isV2(r)).sort((a, b) => rank(a) - rank(b));
  const bestCvss = scored[0] ?? ratings.find((r) => withScore(r) && isV2(r));
  const cvss = bestCvss && { score: bestCvss.score!, vector: bestCvss.cvss, source: bestCvss.source };
  if (distro) return { severity: distro.level, source: distro.source, cvss };
  if (scored[0]) return { severity: scored[0].level, source: scored[0].source, cvss };
  const label = ratings.find((r) => r.level !== 'unknown' && !isV2(r));
  if (label) return { severity: label.level, source: label.source, cvss };
  if (bestCvss && bestCvss.level !== 'unknown')
    return { severity: bestCvss.level, source: bestCvss.source, cvss };
  return { severity: 'unknown', source: 'none', cvss };
}
