import type { AdvisoryDbReader, AffectedRecord } from '../advisory/db/types.js';
import type { Inventory, Package } from '../catalog/types.js';
import { checkpoint } from '../cancel.js';
import { errorMessage, type Warning } from '../errors.js';
import { evaluateRow, type Verdict } from './evaluate.js';
import type { LookupKey } from './matcher.js';
import { matchers } from './registry.js';

/** One package matched by one row: the raw material of a finding, before enrichment. */
export interface Match {
  pkg: Package;
  key: LookupKey;
  matcher: string;
  row: AffectedRecord;
  verdict: 'affected' | 'not-affected';
  fixState: 'fixed' | 'not-fixed' | 'wont-fix' | 'not-affected';
  fixedVersion?: string;
  fixedAt?: string;
}

/** An installed package under one of its lookup keys, for one matcher. */
export interface Candidate {
  pkg: Package;
  key: LookupKey;
  matcher: string;
}

/**
 * Compares every package of an inventory with the advisory rows of its ecosystems: one batched DB
 * query per ecosystem, then a pure evaluation of each row against each installed version, as of
 * `asOf` (the rows that held then, and the fixes published by then) or now.
 */
export async function matchInventory(
  inventory: Inventory,
  db: AdvisoryDbReader,
  options: { asOf?: string } = {},
): Promise<{ matches: Match[]; warnings: Warning[] }> {
  const matches: Match[] = [];
  const warnings: Warning[] = [];
  for (const [ecosystem, names] of candidatesByEcosystem(inventory)) {
    const rows = await db.affected(ecosystem, [...names.keys()], { asOf: options.asOf });
    for (const row of rows) {
      for (const candidate of names.get(row.package) ?? []) {
        const match = evaluateCandidate(candidate, row, options.asOf, warnings);
        if (match) matches.push(match);
      }
    }
  }
  return { matches, warnings };
}

/** A match with the interval of time it held: from `from` (inclusive) until `to` (exclusive, open when absent). */
export interface TimedMatch extends Match {
  from: string;
  to?: string;
}

/**
 * Matches an inventory against EVERY row the DB holds, of every time, once: each match carries the
 * interval in which its row held (known from, until replaced or withdrawn), split where the row's
 * fix was published (before it, the record said "no fix yet"). A replay then selects the matches
 * that held on each day instead of querying the DB once per day.
 */
export async function matchInventoryOverTime(
  inventory: Inventory,
  db: AdvisoryDbReader,
): Promise<{ matches: TimedMatch[]; warnings: Warning[] }> {
  const matches: TimedMatch[] = [];
  const warnings: Warning[] = [];
  for (const [ecosystem, names] of candidatesByEcosystem(inventory)) {
    const rows = await db.affected(ecosystem, [...names.keys()], { allTimes: true });
    for (const row of rows) {
      await checkpoint(); // a long match gives the event loop its turns (and stops when abandoned)
      for (const candidate of names.get(row.package) ?? []) timedMatches(candidate, row, warnings, matches);
    }
  }
  return { matches, warnings };
}

/**
 * The matches of one package and one row of any time, each with the interval in which it held:
 * from the row's known-from time until it was replaced or withdrawn, split where the row's fix was
 * published (before it, the record said "no fix yet"). Pushed onto `out`.
 */
export function timedMatches(
  candidate: Candidate,
  row: AffectedRecord,
  warnings: Warning[],
  out: TimedMatch[],
): void {
  const from = row.knownFrom;
  const to = [row.knownTo, row.withdrawn].reduce<string | undefined>(
    (a, b) => (b === undefined ? a : a === undefined || b < a ? b : a),
    undefined,
  );
  if (to !== undefined && to <= from) return;
  if (row.fixedAt !== undefined && row.fixedAt > from && (to === undefined || row.fixedAt < to)) {
    const before = evaluateCandidate(candidate, row, from, warnings);
    if (before) out.push({ ...before, from, to: row.fixedAt });
    const after = evaluateCandidate(candidate, row, row.fixedAt, warnings);
    if (after) out.push({ ...after, from: row.fixedAt, to });
    return;
  }
  const match = evaluateCandidate(candidate, row, from, warnings);
  if (match) out.push({ ...match, from, to });
}

/** One installed package and one advisory row about its name, whatever the row's verdict. */
export interface CandidateRow {
  pkg: Package;
  key: LookupKey;
  matcher: string;
  row: AffectedRecord;
}

/**
 * Every row of every time about the packages of an inventory, paired with each package it names,
 * before any evaluation: what the history stage reads to find the fix and false-positive events of
 * the advisories of an image's packages (resolved by advisory), affected or not.
 */
export async function candidateRows(inventory: Inventory, db: AdvisoryDbReader): Promise<CandidateRow[]> {
  const out: CandidateRow[] = [];
  for (const [ecosystem, names] of candidatesByEcosystem(inventory)) {
    for (const row of await db.affected(ecosystem, [...names.keys()], { allTimes: true }))
      for (const c of names.get(row.package) ?? [])
        if (!c.key.accepts || c.key.accepts(row)) out.push({ ...c, row });
  }
  return out;
}

/** Whether a timed match held at an instant. */
export function heldAt(match: TimedMatch, instant: string): boolean {
  return match.from <= instant && (match.to === undefined || instant < match.to);
}

// every package's lookup keys, grouped by ecosystem and then by the name the feeds use
export function candidatesByEcosystem(inventory: Inventory): Map<string, Map<string, Candidate[]>> {
  const byEcosystem = new Map<string, Map<string, Candidate[]>>();
  for (const pkg of inventory.packages) {
    for (const matcher of matchers.values()) {
      for (const key of matcher.keys(pkg, inventory.distro)) {
        const names = byEcosystem.get(key.ecosystem) ?? new Map<string, Candidate[]>();
        byEcosystem.set(key.ecosystem, names);
        const list = names.get(key.name) ?? [];
        list.push({ pkg, key, matcher: matcher.name });
        names.set(key.name, list);
      }
    }
  }
  return byEcosystem;
}

function evaluateCandidate(
  { pkg, key, matcher }: Candidate,
  row: AffectedRecord,
  asOf: string | undefined,
  warnings: Warning[],
): Match | undefined {
  if (key.accepts && !key.accepts(row)) return undefined;
  const verdict = verdictOf(row, key.version, key.scheme, asOf);
  if (typeof verdict === 'string') {
    warnings.push({
      source: `${row.feed}:${row.advisoryId}`,
      message: `cannot compare ${pkg.name} ${key.version} (${key.scheme}) with this record: ${verdict}`,
    });
    return undefined;
  }
  if (verdict.kind === 'unaffected') return undefined;
  if (verdict.kind === 'not-affected') {
    return { pkg, key, matcher, row, verdict: 'not-affected', fixState: 'not-affected' };
  }
  return {
    pkg,
    key,
    matcher,
    row,
    verdict: 'affected',
    fixState: verdict.fixState,
    fixedVersion: verdict.fixedVersion,
    fixedAt: verdict.fixedAt,
  };
}

/**
 * A row's verdict on a version, as of an instant, or why it cannot be given: evaluated once per
 * row object and (version, scheme, instant). Images share most package versions, and a refresh
 * matches thousands of them through one caching reader (one object per row), so each distinct
 * (ecosystem, package, version) is compared with a row once, however many images carry it.
 */
const verdicts = new WeakMap<AffectedRecord, Map<string, Verdict | string>>();
function verdictOf(row: AffectedRecord, version: string, scheme: string, asOf: string | undefined) {
  let byVersion = verdicts.get(row);
  if (!byVersion) verdicts.set(row, (byVersion = new Map()));
  const key = `${version}\0${scheme}\0${asOf ?? ''}`;
  let verdict = byVersion.get(key);
  if (verdict === undefined) {
    try {
      verdict = evaluateRow(row, version, scheme, asOf);
    } catch (err) {
      verdict = errorMessage(err);
    }
    byVersion.set(key, verdict);
  }
  return verdict;
}
