/**
 * The proof of a suggestion: both images scanned with the same advisory DB under the default
 * counting rules (docs/counting.md): packages, size, CVEs today by severity; the last year
 * replayed for both (history/replay.ts) where the DB has dated records, otherwise today only, said
 * so; the hours and money the difference is worth at the report's assumptions (`avoidedOf` of
 * history/resolved/roi.ts, 3 h per CVE at 100 USD an hour by default).
 */
import type { Inventory } from '../../catalog/types.js';
import {
  avoidedOf,
  DEFAULT_ASSUMPTIONS,
  type RoiAssumptions,
  type Saved,
} from '../../history/resolved/roi.js';
import { openSource } from '../../image/index.js';
import { inventoryOf } from '../../scan.js';
import type { ImageProof } from './image-proof.js';
import type { ProofScanner } from './proof-scanner.js';

export type { ImageProof } from './image-proof.js';

/** Both sides and what the difference is worth. */
export interface Proof {
  db?: { path: string; builtAt: string };
  /** `today and the last year` or `today only` (and why) or why there is no scan at all */
  span: string;
  original: ImageProof;
  suggested: ImageProof;
  /** avoided by the suggestion, valued at the assumptions */
  avoided?: { today: Saved; lastYear?: Saved };
  assumptions: RoiAssumptions;
  /** whether every finding of the suggestion is one of the original's (same vulnerability, same package) */
  subset?: boolean;
}

/** The Debian packages of an inventory: what the proof counts as packages. */
const debs = (i: Inventory) => i.packages.filter((p) => p.type === 'deb').length;

/** Scans both images with the scanner's DB (or says why there is none) and values the difference. */
export async function prove(input: {
  originalInventory: Inventory;
  suggested: string;
  originalSize?: number;
  scanner: ProofScanner | string;
}): Promise<Proof> {
  const suggestedInventory = await inventoryOf(input.suggested);
  const opened = await openSource(input.suggested);
  const suggestedSize = opened.kind === 'image' ? opened.sizeBytes : undefined;
  await opened.close();
  const original: ImageProof = { packages: debs(input.originalInventory), sizeBytes: input.originalSize };
  const suggested: ImageProof = { packages: debs(suggestedInventory), sizeBytes: suggestedSize };
  const { scanner } = input;
  if (typeof scanner === 'string')
    return { span: scanner, original, suggested, assumptions: DEFAULT_ASSUMPTIONS };
  const [a, b] = await Promise.all([input.originalInventory, suggestedInventory].map((i) => scanner.scan(i)));
  original.today = a!.today;
  suggested.today = b!.today;
  const key = (f: { vulnerability: string; package: { name: string } }) =>
    `${f.vulnerability}\0${f.package.name}`;
  const originalKeys = new Set(a!.findings.map(key));
  const subset = b!.findings.every((f) => originalKeys.has(key(f)));
  const avoided: NonNullable<Proof['avoided']> = {
    today: avoidedOf(suggested.today.total, original.today.total),
  };
  let span = `today only: the DB has no dated record for these packages, so the last year cannot be replayed`;
  if (a!.dated || b!.dated) {
    original.lastYear = a!.year;
    suggested.lastYear = b!.year;
    avoided.lastYear = avoidedOf(suggested.lastYear.accumulated, original.lastYear.accumulated);
    span = `today and the year to ${scanner.days.at(-1)} (replayed as the DB knew each day)`;
  }
  return {
    db: { path: scanner.dbPath, builtAt: scanner.builtAt },
    span,
    original,
    suggested,
    avoided,
    assumptions: DEFAULT_ASSUMPTIONS,
    subset,
  };
}
