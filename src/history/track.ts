/**
 * `track`: scans sources (images or SBOM files) and records each as an observation of one tag.
 * Every source is read and scanned before anything is written, and the batch is written in one
 * transaction, so a bad source leaves the store as it was.
 */
import { openAdvisoryDb } from '../advisory/db/index.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { SbomOptions } from '../sbom.js';
import { inventoryOf, scanInventory } from '../scan.js';
import type { Instant } from '../time/instant.js';
import { observationTime } from './observation-time.js';
import { compactFinding, countCompact, type Counts } from './compact.js';
import { inventoryDigest } from './content-digest.js';
import { parseTagRef, type TagRef } from './image-ref.js';
import { withHistoryStore, type HistoryStore } from './store/open.js';
import { recordObservations } from './store/write.js';
import type { NewObservation } from './types.js';
import { DEFAULT_RULES } from '../match/counting.js';

export interface TrackOptions extends SbomOptions {
  /** `NAME:TAG` the sources are observations of */
  as: string | TagRef;
  /** the instant of every point; default: the SBOM's own timestamp, else the time of the scan */
  at?: Instant;
  /** the history store (file or postgres:// URL); default: the user's data folder */
  store?: string;
  /** the advisory DB; default: the user's data folder */
  db?: string;
  now?: Date;
  /** an open store to record into (the API server's), left open; `store` is then not opened */
  openStore?: HistoryStore;
  /** an open advisory DB reader to scan with (the API server's), left open; `db` is then not opened */
  reader?: AdvisoryDbReader;
  /** called after each source is scanned */
  onSource?(done: number, total: number, source: string): void;
}

export interface TrackedPoint extends Omit<Counts, 'ids'> {
  source: string;
  digest: string;
  observedAt: Instant;
}

export interface TrackResult {
  schemaVersion: '1';
  image: string;
  tag: string;
  points: TrackedPoint[];
  /** observations written, and those already recorded (same tag, digest, day, scanner) */
  recorded: number;
  unchanged: number;
}

/** Scans each source and records it as an observation of `options.as`. */
export async function track(sources: readonly string[], options: TrackOptions): Promise<TrackResult> {
  const ref = typeof options.as === 'string' ? parseTagRef(options.as, '--as') : options.as;
  const now = options.now ?? new Date();
  const reader = options.reader ?? (await openAdvisoryDb(options.db ?? defaultDbPath()));
  const batch: NewObservation[] = [];
  try {
    const meta = await reader.meta();
    const db = {
      builtAt: meta.builtAt,
      feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])),
    };
    // one scan per distinct content: a backfill of daily SBOMs repeats the same content for weeks
    const scans = new Map<string, Promise<Awaited<ReturnType<typeof scanInventory>>>>();
    for (const [i, source] of sources.entries()) {
      const inventory = await inventoryOf(source, options);
      const { digest, kind } = inventoryDigest(inventory);
      let scan = scans.get(digest);
      if (!scan) scans.set(digest, (scan = scanInventory(inventory, reader, { now })));
      const result = await scan;
      batch.push({
        ref,
        digest,
        digestKind: kind,
        inventory,
        created: inventory.target.created,
        sizeBytes: inventory.target.sizeBytes,
        packages: inventory.packages.length,
        observedAt: observationTime(source, inventory.target.sbomCreated, options.at, now),
        scannedAt: result.scannedAt,
        origin: 'track',
        scanner: result.scanner,
        db,
        findings: result.findings.map(compactFinding),
        suppressed: result.summary.suppressed,
      });
      options.onSource?.(i + 1, sources.length, source);
    }
  } finally {
    if (!options.reader) await reader.close();
  }
  const written = options.openStore
    ? await recordObservations(options.openStore, batch)
    : await withHistoryStore(options.store, {}, (store) => recordObservations(store, batch));
  return {
    schemaVersion: '1',
    image: ref.image,
    tag: ref.tag,
    points: batch.map((o, i) => {
      const { ids: _ids, ...counts } = countCompact(o.findings, DEFAULT_RULES);
      return { source: sources[i]!, digest: o.digest, observedAt: o.observedAt, ...counts };
    }),
    ...written,
  };
}
