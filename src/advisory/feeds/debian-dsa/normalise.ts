/** A DSA/DLA entry → advisories, one per (advisory, CVE) (pure). */
import type { Advisory, Affected } from '../../types.js';
import { debianEcosystem } from '../../debian-releases.js';
import type { DsaEntry, DsaRelease } from './parse-list.js';

/**
 * Notes of the list, as fix states: `not-affected` as is; `end-of-life`, `no-dsa`, `ignored`
 * (no fix will come for that release) → wont-fix; `unfixed`, `postponed` → not-fixed.
 */
function noteState(note: string): Affected['fixState'] {
  if (note === 'not-affected') return 'not-affected';
  if (note === 'end-of-life' || note === 'no-dsa' || note === 'ignored') return 'wont-fix';
  return 'not-fixed';
}

function affectedOf(r: DsaRelease, ecosystem: string, date: string): Affected {
  if (r.version) {
    const events = [{ introduced: '0' }, { fixed: r.version }];
    return {
      ecosystem,
      package: r.source,
      ranges: [{ type: 'ECOSYSTEM', events }],
      fixState: 'fixed',
      fixedVersion: r.version,
      fixedAt: date,
    };
  }
  const fixState = noteState(r.note ?? '');
  const ranges: Affected['ranges'] =
    fixState === 'not-affected' ? [] : [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }];
  return { ecosystem, package: r.source, ranges, fixState };
}

/**
 * The advisories of one DSA/DLA. The matcher counts per CVE, so each CVE the DSA fixes becomes its
 * own advisory (id = the CVE, the DSA id as alias, recordId `DSA-…/CVE-…`); a DSA naming no CVE
 * (regression updates) is one advisory under its own id. Releases with unknown codenames are
 * returned for a warning.
 */
export function dsaAdvisories(
  entry: DsaEntry,
  feed: string,
): { advisories: Advisory[]; unknownReleases: string[] } {
  const unknownReleases: string[] = [];
  const affected: Affected[] = [];
  for (const r of entry.releases) {
    const ecosystem = debianEcosystem(r.release);
    if (ecosystem) affected.push(affectedOf(r, ecosystem, entry.date));
    else unknownReleases.push(r.release);
  }
  const cves = entry.ids.filter((id) => id.startsWith('CVE-'));
  const others = entry.ids.filter((id) => !id.startsWith('CVE-'));
  const base = {
    published: entry.date,
    modified: entry.date,
    severities: [],
    affected,
    feed,
    ...(entry.summary ? { summary: entry.summary } : {}),
  };
  const advisories: Advisory[] =
    cves.length === 0
      ? [{ id: entry.id, aliases: others, ...base }]
      : cves.map((cve) => ({ id: cve, aliases: [entry.id, ...others], ...base }));
  return { advisories, unknownReleases };
}
