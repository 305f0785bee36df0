/** An apk secdb document → one advisory per flaw, grouping every package fixed for it (pure). */
import type { Advisory, Affected } from '../../types.js';
import type { FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { entryFlaws } from './entry-ids.js';
import { secdbPackageSchema, type SecdbDocument } from './schema.js';

/** Where the document came from, and what to stamp on its advisories. */
export interface SecdbContext {
  feed: string;
  ecosystem: string;
  file: string;
  /** secdb carries no dates: the document's own date (file time or HTTP Last-Modified) */
  modified: string;
}

/**
 * The advisories of one secdb document. A fixed version of `0` means the package was never
 * affected in this branch (Alpine's secfixes convention) → `not-affected` with no range.
 */
export function secdbAdvisories(doc: SecdbDocument, ctx: SecdbContext, options: FeedReadOptions): FeedItem[] {
  const flaws = new Map<string, { aliases: Set<string>; affected: Affected[] }>();
  for (const [i, raw] of (doc.packages ?? []).entries()) {
    const name = (raw as { pkg?: { name?: unknown } } | null)?.pkg?.name;
    const record = typeof name === 'string' ? name : `packages[${i}]`;
    const pkg = validRecord(secdbPackageSchema, raw, { file: ctx.file, record }, options);
    if (!pkg) continue;
    for (const [version, entries] of Object.entries(pkg.pkg.secfixes ?? {})) {
      for (const entry of entries ?? []) {
        const found = entryFlaws(String(entry));
        if (found.length === 0) {
          options.onWarning({
            source: `${ctx.file}#${record}`,
            message: `no advisory id in secfixes entry "${String(entry)}"`,
          });
        }
        for (const flaw of found) {
          const slot = flaws.get(flaw.id) ?? { aliases: new Set<string>(), affected: [] };
          flaw.aliases.forEach((a) => slot.aliases.add(a));
          slot.affected.push(affectedOf(ctx.ecosystem, pkg.pkg.name, version));
          flaws.set(flaw.id, slot);
        }
      }
    }
  }
  return [...flaws].map(([id, slot]) => ({
    kind: 'advisory',
    advisory: advisory(id, slot, ctx),
    recordId: `${ctx.ecosystem}/${doc.reponame ?? ''}/${id}`,
    file: ctx.file,
  }));
}

function affectedOf(ecosystem: string, pkg: string, version: string): Affected {
  if (version === '0') return { ecosystem, package: pkg, ranges: [], fixState: 'not-affected' };
  return {
    ecosystem,
    package: pkg,
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }],
    fixState: 'fixed',
    fixedVersion: version,
  };
}

function advisory(
  id: string,
  slot: { aliases: Set<string>; affected: Affected[] },
  ctx: SecdbContext,
): Advisory {
  return {
    id,
    aliases: [...slot.aliases],
    modified: ctx.modified,
    severities: [],
    affected: slot.affected,
    feed: ctx.feed,
  };
}
