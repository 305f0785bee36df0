/** The plain data of the history stage: what an observation records, and the points of a series. */
import type { FixState, Severity } from '../advisory/types.js';
import type { Distro, Inventory } from '../catalog/types.js';
import type { Instant } from '../time/instant.js';
import type { CompactFinding } from './compact.js';
import type { TagRef } from './image-ref.js';
import type { Lens } from './lens.js';
import type { Coverage } from './replay.js';

/** Who said it: a scanner and the advisory DB it used. */
export interface Provenance {
  scanner: { name: string; version: string };
  /** the DB's build time where known (a peer's file may not say), and its feeds' versions */
  db: { builtAt: string | null; feeds: Record<string, string> };
}

/** One observation about to be recorded: what a scan said about a tag's digest at a time. */
export interface NewObservation extends Provenance {
  ref: TagRef;
  digest: string;
  /** manifest (an image's digest), config (an image id), content (of the canonical inventory) */
  digestKind: 'manifest' | 'config' | 'content';
  /** the inventory, stored once per digest; absent for a peer's result */
  inventory?: Inventory;
  /** the distribution a peer's result names, kept for a digest without an inventory */
  distro?: Distro;
  created?: string;
  sizeBytes?: number;
  packages?: number;
  /** the instant the point stands for (`--at`, the SBOM's timestamp, else the scan) */
  observedAt: Instant;
  scannedAt: Instant;
  origin: 'track' | 'import';
  findings: CompactFinding[];
  suppressed: number;
}

/**
 * One day of a series under a lens (docs/counting.md): the same computation whether a scan
 * observed the day (`observed`, drawn as a dot) or not (`replayed`).
 */
export interface Point extends Provenance {
  day: string;
  kind: 'observed' | 'replayed';
  /** the lens the counts were computed under */
  lens: Lens;
  /** `lens`: computed from the digest's inventory; `recorded`: what a scan recorded (no inventory or no advisory DB) */
  basis: 'lens' | 'recorded';
  /** how much of what was matched had a real date; a lower bound says so; null for a recorded point */
  coverage: Coverage | null;
  digest: string;
  bySeverity: Record<Severity, number>;
  byFixState: Record<FixState, number>;
  total: number;
  /** the counted vulnerability ids, sorted */
  ids: string[];
  /** an observed point: when it was observed and when its scan ran (later for a backfill) */
  observedAt?: Instant;
  scannedAt?: Instant;
}

/** A point as a scan recorded it: its stored counts, before any lens. */
export type RecordedPoint = Omit<Point, 'lens' | 'basis' | 'coverage'>;
