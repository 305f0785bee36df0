import { open } from 'node:fs/promises';
import { openAdvisoryDb } from './advisory/db/reader.js';
import type { AdvisoryDbReader } from './advisory/db/types.js';
import type { Inventory } from './catalog/types.js';
import type { Warning } from './errors.js';
import { concludeFindings } from './match/conclude.js';
import { DEFAULT_RULES } from './match/counting.js';
import { buildFindings } from './match/findings.js';
import { matchInventory } from './match/match-inventory.js';
import type { CountingRules, ScanResult } from './match/types.js';
import { imageIdentities } from './match/vex/image-identity.js';
import type { VexDocumentStatement } from './match/vex/types.js';
import { SCANNER } from './scanner.js';
import { sbom, type SbomOptions } from './sbom.js';
import { parseUserTime, type Instant } from './time/instant.js';

export interface ScanOptions extends SbomOptions {
  /** the advisory DB file or URL */
  db: string;
  rules?: Partial<CountingRules>;
  /** VEX documents (OpenVEX or CycloneDX VEX) to apply */
  vex?: string[];
  /** match against the advisories as known at this instant (replay); see src/time/instant.ts */
  asOf?: Instant;
  now?: Date;
}

export interface ScanInventoryOptions {
  rules?: Partial<CountingRules>;
  /** VEX statements, already read (parseVexFile) */
  vex?: readonly VexDocumentStatement[];
  /** the instant to match as of; absent: now, and the result is not a replay */
  asOf?: Instant;
  /** the clock (tests pin it) */
  now?: Date;
}

/** The inventory of a source: an SBOM file read as it is, or an image read and catalogued. */
export async function inventoryOf(source: string, options: SbomOptions = {}): Promise<Inventory> {
  // the SBOM readers (XML among them) load only for a file that could be one: JSON or XML text
  const asSbom = (await startsAsText(source))
    ? await (await import('./sbom-input/read-sbom-file.js')).readSbomFile(source)
    : undefined;
  return asSbom ?? (await sbom(source, options));
}

// whether a path is a file whose first non-blank character opens JSON or XML (never an image)
async function startsAsText(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
      const head = buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart();
      return head.startsWith('{') || head.startsWith('<');
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/**
 * Scans an image or SBOM: its inventory matched against the advisory DB into findings, VEX
 * applied, and counted under the rules of docs/counting.md.
 */
export async function scan(source: string, options: ScanOptions): Promise<ScanResult> {
  // the VEX document parsers (zod) load only for a scan given VEX files
  const statements = options.vex?.length
    ? await (async () => {
        const { parseVexFile } = await import('./match/vex/parse.js');
        return (await Promise.all(options.vex!.map((file) => parseVexFile(file)))).flat();
      })()
    : [];
  // the DB opens (better-sqlite3 loads, the schema is checked) while the image is read: reading
  // waits on the thread pool for its layers to inflate, and the main thread has time to spare
  const opening = openAdvisoryDb(options.db);
  opening.catch(() => undefined); // awaited below; an unreadable image is reported first
  let inventory: Inventory;
  try {
    inventory = await inventoryOf(source, options);
  } catch (err) {
    await opening.then((db) => db.close()).catch(() => undefined);
    throw err;
  }
  const db = await opening;
  try {
    return await scanInventory(inventory, db, {
      rules: options.rules,
      vex: statements,
      asOf: options.asOf,
      now: options.now,
    });
  } finally {
    await db.close();
  }
}

/**
 * Matches an inventory against an open advisory DB reader as of one instant (now by default):
 * the seam the history stage scans through, with one reader for many inventories and instants.
 * A current scan is a scan as of now: withdrawn records never count, with or without `asOf`.
 */
export async function scanInventory(
  inventory: Inventory,
  db: AdvisoryDbReader,
  options: ScanInventoryOptions = {},
): Promise<ScanResult> {
  const rules: CountingRules = { ...DEFAULT_RULES, ...options.rules };
  const now = (options.now ?? new Date()).toISOString();
  const asOf = options.asOf === undefined ? now : parseUserTime(options.asOf, 'asOf');
  const meta = await db.meta();
  const { matches, warnings } = await matchInventory(inventory, db, { asOf });
  const { findings, suppressed, summary } = concludeFindings(await buildFindings(matches, db, asOf), {
    statements: options.vex ?? [],
    identities: imageIdentities(inventory.target),
    rules,
    asOf,
  });
  const allWarnings: Warning[] = [...inventory.warnings, ...warnings];
  return {
    schemaVersion: '1',
    scanner: { ...SCANNER },
    db: { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) },
    scannedAt: now,
    asOf,
    replay: options.asOf !== undefined,
    inventory,
    findings,
    suppressed,
    rules,
    summary,
    warnings: allWarnings,
  };
}
