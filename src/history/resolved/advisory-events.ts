/**
 * Resolved by advisory: the dated events of the feeds about the packages of an inventory that mark
 * a vulnerability fixed or not affected (Wolfi's `fixed` and false-positive events; a
 * distribution record that a later build saw change to fixed or not-affected). This is how
 * Chainguard counts "resolved": an advisory marked fixed or false positive that day, whether or not
 * the image ever carried it affected (a fix-only advisory records a fix the supplier shipped).
 */
import type { AdvisoryDbReader, AffectedRecord } from '../../advisory/db/types.js';
import type { Inventory } from '../../catalog/types.js';
import { candidateRows, type CandidateRow } from '../../match/match-inventory.js';
import { compareVersions } from '../../version/index.js';

/** One event of a feed that resolved a vulnerability for a package of the inventory. */
export interface AdvisoryEvent {
  vulnerability: string;
  /** `feed:advisory id` */
  record: string;
  /** the name the feed uses (origin, source package) */
  package: string;
  distroSource?: string;
  at: string;
  kind: 'fixed' | 'not-affected';
  fixedVersion?: string;
  /** whether the inventory's version already carries the fix */
  fixedInInventory?: boolean;
  /** when the same record first said the package was affected, if it ever did */
  detectedAt?: string;
  /** the record's own severity rating for the package, if any */
  row: AffectedRecord;
}

// only dated changes resolve: rows the feed dated itself, or content an update saw change
const DATED = new Set(['event', 'update']);

/** The resolving events of the feeds for an inventory, one per (record, package name, event). */
export async function advisoryEvents(
  inventory: Inventory,
  reader: AdvisoryDbReader,
): Promise<AdvisoryEvent[]> {
  const rows = await candidateRows(inventory, reader);
  const firstAffected = new Map<string, string>();
  for (const { row } of rows) {
    if (row.fixState !== 'not-fixed' && row.fixState !== 'wont-fix') continue;
    const key = recordKey(row);
    const seen = firstAffected.get(key);
    if (seen === undefined || row.knownFrom < seen) firstAffected.set(key, row.knownFrom);
  }
  const events = new Map<string, AdvisoryEvent>();
  for (const c of rows) {
    const { row } = c;
    if (!DATED.has(row.knownFromSource)) continue;
    if (row.fixState !== 'fixed' && row.fixState !== 'not-affected') continue;
    const key = `${recordKey(row)}\0${row.knownFrom}`;
    if (events.has(key)) continue;
    const detected = firstAffected.get(recordKey(row));
    events.set(key, {
      vulnerability: row.vulnerability,
      record: `${row.feed}:${row.advisoryId}`,
      package: row.package,
      distroSource: c.key.distroSource,
      at: row.knownFrom,
      kind: row.fixState,
      ...(row.fixState === 'fixed' && row.fixedVersion
        ? { fixedVersion: row.fixedVersion, fixedInInventory: carriesFix(c, row.fixedVersion) }
        : {}),
      ...(detected !== undefined && detected < row.knownFrom ? { detectedAt: detected } : {}),
      row,
    });
  }
  return [...events.values()];
}

function recordKey(row: AffectedRecord): string {
  return `${row.feed}\0${row.advisoryId}\0${row.ecosystem}\0${row.package}`;
}

function carriesFix(c: CandidateRow, fixed: string): boolean | undefined {
  try {
    return compareVersions(c.key.scheme, c.key.version, fixed) >= 0;
  } catch {
    return undefined;
  }
}
