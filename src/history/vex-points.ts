/**
 * The "after VEX" counting rule (docs/counting.md): the user's VEX statements applied to a series.
 * Replayed points take the statements in the replay itself (`replayDays`' `vex`); an observed
 * point's recorded findings get them here the way replay applies them: as of the end of the
 * point's day, each statement from its own timestamp on, matched to the packages of the point's
 * digest (its stored inventory gives their purls) and to the image's identities.
 */
import type { Package } from '../catalog/types.js';
import { concludeFindings } from '../match/conclude.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { Finding } from '../match/types.js';
import { imageIdentities, parseVexFile, type VexDocumentStatement } from '../match/vex/index.js';
import { endOfDay } from '../time/instant.js';
import type { CompactFinding } from './compact.js';
import type { HistoryStore } from './store/open.js';
import { digestFacts } from './store/read.js';
import type { Point } from './types.js';

/** Reads the statements of VEX files (`--vex FILE`); a file that cannot be read or parsed is an InputError naming it. */
export async function readVexFiles(files: readonly string[] | undefined): Promise<VexDocumentStatement[]> {
  return (await Promise.all((files ?? []).map((f) => parseVexFile(f)))).flat();
}

/**
 * The recorded findings of an observed point that the statements known at the end of its day do
 * not suppress (`fixed` / `not_affected`). Without a stored inventory (a peer's result) packages
 * have no purl, so only statements about the whole image (its digest) can apply.
 */
export async function afterVexFindings(
  store: HistoryStore,
  point: Pick<Point, 'day' | 'digest'>,
  findings: readonly CompactFinding[],
  statements: readonly VexDocumentStatement[],
): Promise<CompactFinding[]> {
  if (statements.length === 0 || findings.length === 0) return [...findings];
  const { inventory } = await digestFacts(store, point.digest, true);
  const packages = new Map((inventory?.packages ?? []).map((p) => [`${p.name}\0${p.version}`, p]));
  const full = findings.map((f) => asFinding(f, packages.get(`${f[3]}\0${f[4]}`)));
  const identities = inventory ? imageIdentities(inventory.target) : [point.digest];
  // the rules' filters are the caller's (on the compact tuples): only what VEX suppresses matters here
  const { suppressed } = concludeFindings(
    { findings: full, notAffected: [] },
    { statements, identities, rules: ALL, asOf: endOfDay(`${point.day}T00:00:00.000Z`) },
  );
  const gone = new Set(suppressed.map((f) => keyOf(f.vulnerability, f.package.name, f.package.version)));
  return findings.filter((f) => !gone.has(keyOf(f[0], f[3], f[4])));
}

const ALL = { ...DEFAULT_RULES, includeNegligible: true };
const keyOf = (id: string, name: string, version: string) => `${id}\0${name}\0${version}`;

// a compact finding as the full one VEX matching reads: its id and its package (purl from the inventory)
function asFinding(f: CompactFinding, pkg: Package | undefined): Finding {
  return {
    vulnerability: f[0],
    aliases: [],
    package: pkg ?? {
      name: f[3],
      version: f[4],
      type: 'generic',
      purl: '',
      licenses: [],
      locations: [],
      foundBy: '',
    },
    fixState: f[2],
    ...(f[5] ? { fixedVersion: f[5] } : {}),
    severity: f[1],
    severitySource: '',
    kev: false,
    matchedBy: '',
    records: [],
  };
}
