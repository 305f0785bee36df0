/**
 * CycloneDX `vulnerabilities[].ratings` (https://cyclonedx.org/docs/1.6/json/#vulnerabilities_items_ratings):
 * the severity as its source gave it, and the CVSS score with vector and method where known.
 */
import type { Severity } from '../../advisory/types.js';
import type { Finding } from '../../match/types.js';

type CdxSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';
type Method = 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';

export interface CdxRating {
  source?: { name: string };
  score?: number;
  severity?: CdxSeverity;
  method?: Method;
  vector?: string;
}

// CycloneDX has no "negligible"; "info" (informational, no action needed) is the nearest.
const SEVERITY: Record<Severity, CdxSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  negligible: 'info',
  unknown: 'unknown',
};

/** The CVSS method of a vector string: `CVSS:3.1/…` → CVSSv31, `CVSS:4.0/…` → CVSSv4, bare v2 → CVSSv2. */
export function cvssMethod(vector: string | undefined): Method {
  if (!vector) return 'other';
  if (vector.startsWith('CVSS:4.')) return 'CVSSv4';
  if (vector.startsWith('CVSS:3.1')) return 'CVSSv31';
  if (vector.startsWith('CVSS:3.')) return 'CVSSv3';
  if (/^(\()?AV:[LAN]\/AC:[HML]\/Au:/.test(vector)) return 'CVSSv2';
  return 'other';
}

// CVSS v3/v4 qualitative bands (FIRST CVSS v3.1 specification, section 5).
function band(score: number): CdxSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

/** The ratings of a finding: the severity by its source, and the CVSS score (merged when the source is the same). */
export function cdxRatings(f: Finding): CdxRating[] {
  const severity: CdxRating = { source: { name: f.severitySource }, severity: SEVERITY[f.severity] };
  if (!f.cvss) return [severity];
  const cvss: CdxRating = {
    source: { name: f.cvss.source },
    score: f.cvss.score,
    severity: band(f.cvss.score),
    method: cvssMethod(f.cvss.vector),
    vector: f.cvss.vector,
  };
  if (f.cvss.source === f.severitySource) return [{ ...cvss, severity: SEVERITY[f.severity] }];
  return [severity, cvss];
}
