import type { AdvisoryDbReader, VulnerabilityRecord } from '../advisory/db/types.js';
import type { SeverityRating } from '../advisory/types.js';
import type { Package } from '../catalog/types.js';
import type { Match } from './match-inventory.js';
import { chooseSeverity } from './severity-rule.js';
import type { Finding } from './types.js';

const STATE_ORDER = ['fixed', 'wont-fix', 'not-fixed'] as const;

/**
 * Merges the matches of one (vulnerability, package) from every feed into one finding, enriched
 * with severity, CVSS, KEV and EPSS. A distribution record that says not-affected wins over the
 * others: the distribution knows how it built the package. Returns those apart, as suppressed.
 */
export async function buildFindings(
  matches: readonly Match[],
  db: AdvisoryDbReader,
): Promise<{ findings: Finding[]; notAffected: Finding[] }> {
  const groups = new Map<Package, Map<string, Match[]>>();
  for (const m of matches) {
    const byVuln = groups.get(m.pkg) ?? new Map<string, Match[]>();
    groups.set(m.pkg, byVuln);
    byVuln.set(m.row.vulnerability, [...(byVuln.get(m.row.vulnerability) ?? []), m]);
  }
  const ids = [...new Set(matches.map((m) => m.row.vulnerability))];
  const [vulns, kev, epss] = await Promise.all([db.vulnerabilities(ids), db.kev(ids), db.epss(ids)]);

  const findings: Finding[] = [];
  const notAffected: Finding[] = [];
  for (const byVuln of groups.values()) {
    for (const [id, group] of byVuln) {
      const finding = mergeGroup(id, group, vulns.get(id));
      finding.kev = kev.has(id);
      finding.epss = epss.get(id);
      (finding.fixState === 'not-affected' ? notAffected : findings).push(finding);
    }
  }
  return { findings, notAffected };
}

function mergeGroup(id: string, group: Match[], vuln: VulnerabilityRecord | undefined): Finding {
  const denial = group.find((m) => m.verdict === 'not-affected');
  const affected = group.filter((m) => m.verdict === 'affected');
  const primary =
    denial ?? STATE_ORDER.map((s) => affected.find((m) => m.fixState === s)).find((m) => m !== undefined)!;
  const aliases = new Set([...group.flatMap((m) => m.row.aliases), ...(vuln?.aliases ?? [])]);
  aliases.delete(id);
  const ratings: SeverityRating[] = [
    ...group.flatMap((m) => (m.row.severity ? [m.row.severity] : [])),
    ...(vuln?.severities ?? []),
  ];
  const distroSources = new Set(group.flatMap((m) => (m.key.distroSource ? [m.key.distroSource] : [])));
  const chosen = chooseSeverity(distroSources, ratings);
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
    records: [...new Set(group.map((m) => `${m.row.feed}:${m.row.advisoryId}`))].sort(),
    summary: vuln?.summary,
    published: vuln?.published,
  };
}
