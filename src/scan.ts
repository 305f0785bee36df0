import { openAdvisoryDb } from './advisory/db/index.js';
import type { Inventory } from './catalog/types.js';
import type { Warning } from './errors.js';
import { DEFAULT_RULES, passesFilters, sortFindings, summarise } from './match/counting.js';
import { buildFindings } from './match/findings.js';
import { matchInventory } from './match/match-inventory.js';
import type { CountingRules, ScanResult } from './match/types.js';
import { applyVex, imageIdentities, parseVexFile } from './match/vex/index.js';
import { SCANNER } from './scanner.js';
import { sbom, type SbomOptions } from './sbom.js';
import { readSbomFile } from './sbom-input/read-sbom-file.js';

export interface ScanOptions extends SbomOptions {
  /** the advisory DB file or URL */
  db: string;
  rules?: Partial<CountingRules>;
  /** VEX documents (OpenVEX or CycloneDX VEX) to apply */
  vex?: string[];
  /** match against the advisories as known at this ISO time (replay) */
  asOf?: string;
  now?: Date;
}

/** The inventory of a source: an SBOM file read as it is, or an image read and catalogued. */
export async function inventoryOf(source: string, options: SbomOptions = {}): Promise<Inventory> {
  return (await readSbomFile(source)) ?? (await sbom(source, options));
}

/**
 * Scans an image or SBOM: its inventory matched against the advisory DB into findings, VEX
 * applied, and counted under the rules of docs/counting.md.
 */
export async function scan(source: string, options: ScanOptions): Promise<ScanResult> {
  const rules: CountingRules = { ...DEFAULT_RULES, ...options.rules };
  const statements = (await Promise.all((options.vex ?? []).map((file) => parseVexFile(file)))).flat();
  const inventory = await inventoryOf(source, options);
  const db = await openAdvisoryDb(options.db);
  try {
    const meta = await db.meta();
    const { matches, warnings } = await matchInventory(inventory, db, { asOf: options.asOf });
    const { findings, notAffected } = await buildFindings(matches, db);
    const vexed = applyVex(findings, statements, imageIdentities(inventory.target));
    const listed = sortFindings(vexed.kept.filter((f) => passesFilters(f, rules)));
    const suppressed = sortFindings([...notAffected, ...vexed.suppressed]);
    const allWarnings: Warning[] = [...inventory.warnings, ...warnings];
    return {
      schemaVersion: '1',
      scanner: { ...SCANNER },
      db: { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) },
      scannedAt: (options.now ?? new Date()).toISOString(),
      inventory,
      findings: listed,
      suppressed,
      rules,
      summary: summarise(listed, rules, suppressed.length),
      warnings: allWarnings,
    };
  } finally {
    await db.close();
  }
}
