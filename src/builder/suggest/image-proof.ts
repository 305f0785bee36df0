/** One image's numbers in a suggestion's proof: what the original, the suggestion and a counterpart show. */
import type { Severity } from '../../advisory/types.js';

/** Packages, compressed size, CVEs today by severity and over the year where dated data exists. */
export interface ImageProof {
  packages: number;
  /** compressed size: config and layer blobs */
  sizeBytes?: number;
  today?: { bySeverity: Record<Severity, number>; total: number; ids: string[] };
  lastYear?: { from: string; to: string; accumulated: number; dailyAverage: number | null };
}
