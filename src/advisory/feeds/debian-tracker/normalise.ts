/** One (source package, CVE) of the Debian tracker → a normalised advisory (pure). */
import { severityFromName } from '../../severity.js';
import type { Advisory, Affected } from '../../types.js';
import type { FeedReadOptions } from '../types.js';
import { debianEcosystem } from '../../debian-releases.js';
import type { TrackerIssue, TrackerRelease } from './schema.js';

/**
 * Fix state of one release, after the tracker's own meaning:
 * resolved with fixed_version `0` → not-affected (the tracker's marker for "never vulnerable");
 * resolved with a version → fixed; open/undetermined → not-fixed, except urgency `end-of-life`
 * (no security support) and `nodsa_reason: ignored` (the team decided not to fix) → wont-fix.
 * `nodsa_reason: postponed` stays not-fixed: a fix is expected in a later point release.
 */
export function trackerAffected(source: string, ecosystem: string, r: TrackerRelease): Affected {
  const urgency = r.urgency ?? 'not yet assigned';
  const severity = { source: 'debian', level: severityFromName(urgency) };
  const base = { ecosystem, package: source, severity };
  if (r.status === 'resolved') {
    const fixed = r.fixed_version ?? '0';
    if (fixed === '0') return { ...base, ranges: [], fixState: 'not-affected' };
    const events = [{ introduced: '0' }, { fixed }];
    return { ...base, ranges: [{ type: 'ECOSYSTEM', events }], fixState: 'fixed', fixedVersion: fixed };
  }
  const wontFix = urgency.replace(/\*+$/, '') === 'end-of-life' || r.nodsa_reason === 'ignored';
  return {
    ...base,
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    fixState: wontFix ? 'wont-fix' : 'not-fixed',
  };
}

/** The advisory of one issue of one source package; releases with unknown codenames are warned about. */
export function trackerAdvisory(
  source: string,
  id: string,
  issue: TrackerIssue,
  ctx: { feed: string; file: string; modified: string },
  options: FeedReadOptions,
): Advisory {
  const affected: Affected[] = [];
  for (const [codename, release] of Object.entries(issue.releases)) {
    const ecosystem = debianEcosystem(codename);
    if (ecosystem) affected.push(trackerAffected(source, ecosystem, release));
    else
      options.onWarning({
        source: `${ctx.file}#${source}/${id}`,
        message: `unknown Debian release "${codename}"`,
      });
  }
  return {
    id,
    aliases: [],
    ...(issue.description ? { summary: issue.description } : {}),
    modified: ctx.modified,
    severities: [],
    affected,
    feed: ctx.feed,
  };
}
