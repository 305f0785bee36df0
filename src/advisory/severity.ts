/**
 * Severity levels from CVSS vectors and scores, and each feed's own rating names mapped onto the
 * project's `Severity`. Bands follow the CVSS v3.1/v4.0 specification's qualitative scale
 * (https://www.first.org/cvss/v3.1/specification-document §5) and NVD's v2 bands.
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { Severity } from './types.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

/** A computed CVSS base score with its version. */
export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  score: number;
  level: Severity;
}

/**
 * The level of a CVSS v3/v4 base score. A score of 0.0 ("None" in the spec) states no impact, so it
 * maps to `negligible` (counted apart, like Debian's "unimportant"), not to `unknown`.
 */
export function severityFromScore(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 0.1) return 'low';
  return 'negligible';
}

/** The level of a CVSS v2 base score: v2 has no "critical" band (NVD: 0–3.9 low, 4–6.9 medium, 7–10 high). */
export function severityFromV2Score(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'unknown';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** Score and level of a CVSS vector (v2, v3.0, v3.1 or v4.0); undefined when the vector is not valid. */
export function severityFromCvss(vector: string): CvssScore | undefined {
  const v = vector.trim();
  try {
    if (v.startsWith('CVSS:4.0/')) return v3or4('4.0', new Cvss4P0(v).calculateScores().base);
    if (v.startsWith('CVSS:3.1/')) return v3or4('3.1', new Cvss3P1(v).calculateScores().base);
    if (v.startsWith('CVSS:3.0/')) return v3or4('3.0', new Cvss3P0(v).calculateScores().base);
    if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(v)) {
      const base = new Cvss2(v.replace(/^\(|\)$/g, '')).calculateScores().base;
      return typeof base === 'number'
        ? { version: '2.0', score: base, level: severityFromV2Score(base) }
        : undefined;
    }
  } catch {
    // the calculator throws on unknown metrics: an invalid vector has no score
  }
  return undefined;
}

function v3or4(version: CvssScore['version'], base: number | undefined): CvssScore | undefined {
  return typeof base === 'number' ? { version, score: base, level: severityFromScore(base) } : undefined;
}

/** Rating names as each feed writes them (lower-cased), onto the project's levels. */
const FEED_LEVELS: ReadonlyMap<string, Severity> = new Map([
  ['critical', 'critical'],
  ['important', 'high'], // Red Hat / SUSE wording
  ['high', 'high'],
  ['moderate', 'medium'], // GHSA and Red Hat wording
  ['medium', 'medium'],
  ['low', 'low'],
  ['negligible', 'negligible'], // Ubuntu
  ['unimportant', 'negligible'], // Debian urgency
  ['none', 'negligible'],
  ['not yet assigned', 'unknown'], // Debian urgency before triage
  ['end-of-life', 'unknown'],
  ['unknown', 'unknown'],
  ['untriaged', 'unknown'],
]);

/**
 * The level of a feed's own rating word (GHSA LOW/MODERATE/HIGH/CRITICAL, Debian urgency, Ubuntu
 * priority …). Debian marks unconfirmed urgencies with trailing `*`, which are dropped.
 */
export function severityFromName(name: string): Severity {
  const key = name.trim().toLowerCase().replace(/\*+$/, '');
  return FEED_LEVELS.get(key) ?? 'unknown';
}
