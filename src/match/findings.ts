import type { AdvisoryDbReader, VulnerabilityRecord } from '../advisory/db/types.js';
import type { SeverityRating } from '../advisory/types.js';
import type { Package } from '../catalog/types.js';
import type { Match } from './match-inventory.js';
import { chooseSeverity, type ChosenSeverity } from './severity-rule.js';
import type { Finding } from './types.js';

const STATE_ORDER = ['fixed', 'wont-fix', 'not-fixed'] as const;

/** What findings are enriched with, read from the DB once for many instants. */
export interface Enrichment {
  vulnerabilities: Map<string, VulnerabilityRecord>;
  /** CVE → when CISA added it to KEV */
  kev: Map<string, string>;
  epss: Map<string, number>;
}

/** Reads the records, KEV dates and EPSS scores of every vulnerability the matches name. */
export async function loadEnrichment(matches: readonly Match[], db: AdvisoryDbReader): Promise<Enrichment> {
  const ids = [...new Set(matches.map((m) => m.row.vulnerability))];
  const [vulnerabilities, kev, epss] = await Promise.all([
    db.vulnerabilities(ids),
    db.kev(ids),
    db.epss(ids),
  ]);
  return { vulnerabilities, kev, epss };
}

/**
 * Merges the matches of one (vulnerability, package) from every feed into one finding, enriched
 * with severity, CVSS, KEV and EPSS. A distribution record that says not-affected wins over the
 * others: the distribution knows how it built the package. Returns those apart, as suppressed.
 */
export async function buildFindings(
  matches: readonly Match[],
  db: AdvisoryDbReader,
  asOf: string,
): Promise<{ findings: Finding[]; notAffected: Finding[] }> {
  return mergeFindings(matches, await loadEnrichment(matches, db), asOf);
}

/**
 * Findings merged before, by package and vulnerability, with the matches and KEV state they were
 * merged from: a merge of the same matches gives the same finding, so a replay that merges again on
 * every change of its days merges only the groups that changed (the others keep their object).
 */
export type MergeMemo = Map<Package, Map<string, { group: Match[]; kev: boolean; finding: Finding }>>;

/** The pure half of `buildFindings`: merging with enrichment already read, as of an instant. */
export function mergeFindings(
  matches: readonly Match[],
  enrichment: Enrichment,
  asOf: string,
  severities: Map<string, ChosenSeverity> = new Map(),
  memo?: MergeMemo,
): { findings: Finding[]; notAffected: Finding[] } {
  const groups = new Map<Package, Map<string, Match[]>>();
  for (const m of matches) {
    let byVuln = groups.get(m.pkg);
    if (!byVuln) groups.set(m.pkg, (byVuln = new Map()));
    const list = byVuln.get(m.row.vulnerability);
    if (list) list.push(m);
    else byVuln.set(m.row.vulnerability, [m]);
  }
  const { vulnerabilities: vulns, kev, epss } = enrichment;

  // The same CVE in many packages has the same severity: choose it once per distinct input.
  const severityOf = (id: string, group: Match[]): ChosenSeverity => {
    const rowRatings = group.flatMap((m) => (m.row.severity ? [m.row.severity] : []));
    const distro = [...new Set(group.flatMap((m) => (m.key.distroSource ? [m.key.distroSource] : [])))];
    const key = `${id}\0${distro.join(',')}\0${rowRatings.map((r) => `${r.source}:${r.level}:${r.score}`).join(',')}`;
    let chosen = severities.get(key);
    if (!chosen) {
      const ratings: SeverityRating[] = [...rowRatings, ...(vulns.get(id)?.severities ?? [])];
      severities.set(key, (chosen = chooseSeverity(new Set(distro), ratings)));
    }
    return chosen;
  };

  const findings: Finding[] = [];
  const notAffected: Finding[] = [];
  for (const [pkg, byVuln] of groups) {
    let remembered = memo?.get(pkg);
    if (memo && !remembered) memo.set(pkg, (remembered = new Map()));
    for (const [id, group] of byVuln) {
      // in KEV from the day CISA added it: a replay before then does not know it yet
      const added = kev.get(id);
      const inKev = added !== undefined && added <= asOf;
      const before = remembered?.get(id);
      let finding: Finding;
      if (before && before.kev === inKev && sameMatches(before.group, group)) finding = before.finding;
      else {
        finding = mergeGroup(id, group, vulns.get(id), severityOf(id, group));
        finding.kev = inKev;
        finding.epss = epss.get(id);
        remembered?.set(id, { group, kev: inKev, finding });
      }
      (finding.fixState === 'not-affected' ? notAffected : findings).push(finding);
    }
  }
  return { findings, notAffected };
}

function sameMatches(a: readonly Match[], b: readonly Match[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function mergeGroup(
  id: string,
  group: Match[],
  vuln: VulnerabilityRecord | undefined,
  chosen: ChosenSeverity,
): Finding {
  const primary =
    group.find((m) => m.verdict === 'not-affected') ??
    STATE_ORDER.map((s) => group.find((m) => m.fixState === s)).find((m) => m !== undefined)!;
  const aliases = new Set(vuln?.aliases);
  for (const m of group) for (const a of m.row.aliases) aliases.add(a);
  aliases.delete(id);
  return {
    vulnerability: id,
    aliases: [...aliases].sort(),
    package: primary.pkg,
    fixState: primary.fixState,
    fixedVersion: primary.fixedVersion,
    fixedAt: primary.fixedAt,
    severity: chosen.severity,
    severitySource: chosen.source,
    cvss: chosen.cvss,
    kev: false,
    matchedBy: `${primary.matcher}:${primary.row.feed}:${primary.row.advisoryId}`,
    records:
      group.length === 1
        ? [`${primary.row.feed}:${primary.row.advisoryId}`]
        : [...new Set(group.map((m) => `${m.row.feed}:${m.row.advisoryId}`))].sort(),
    summary: vuln?.summary,
    published: vuln?.published,
  };
}
