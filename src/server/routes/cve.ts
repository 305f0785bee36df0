/**
 * A vulnerability's page: what the advisory DB knows of it (aliases, severities and their sources,
 * KEV, EPSS, each feed's record and links, the affected packages and their fixes) and every tracked
 * tag that carries or carried it under the lens, since when, and how it was resolved there. The
 * tags are found with bounded work (../cve-carriers.ts): at most `limit` are read, and the answer
 * says how many more there were.
 */
import { z } from 'zod';
import type { SeverityRating } from '../../advisory/types.js';
import { NotFoundError } from '../../errors.js';
import { cachingReader } from '../../history/caching-reader.js';
import { chooseSeverity } from '../../match/severity-rule.js';
import { anyQuery } from '../cache.js';
import type { ServerContext } from '../context.js';
import { carrierOf, findCarriers, type Carrier } from '../cve-carriers.js';
import { lensQuery, rulesOf, rulesQuery } from '../rules.js';
import type { TypedApp } from './typed-app.js';

/** How many tags one request reads at most (each is a replay of its whole history). */
export const MAX_CVE_TAGS = 50;

// the public pages of the trackers whose records the DB holds, by the ecosystem's distribution
const TRACKERS: [RegExp, string, (id: string) => string][] = [
  [/^Debian/i, 'Debian security tracker', (id) => `https://security-tracker.debian.org/tracker/${id}`],
  [/^Ubuntu/i, 'Ubuntu CVE tracker', (id) => `https://ubuntu.com/security/${id}`],
  [/^Alpine/i, 'Alpine security tracker', (id) => `https://security.alpinelinux.org/vuln/${id}`],
  [/^(Wolfi|Chainguard)/i, 'Chainguard security', (id) => `https://images.chainguard.dev/security/${id}`],
];

/** The links of a vulnerability: NVD and OSV, the trackers of the ecosystems it affects, and each record's own references. */
export function linksOf(
  id: string,
  ecosystems: readonly string[],
  records: readonly { feed: string; id: string; references: string[] }[],
): { title: string; url: string }[] {
  const out = new Map<string, string>();
  if (/^CVE-/.test(id)) out.set(`https://nvd.nist.gov/vuln/detail/${id}`, 'NVD');
  out.set(`https://osv.dev/vulnerability/${encodeURIComponent(id)}`, 'OSV');
  for (const [match, title, url] of TRACKERS)
    if (/^CVE-/.test(id) && ecosystems.some((e) => match.test(e))) out.set(url(id), title);
  for (const r of records)
    for (const url of r.references)
      if (/^https?:\/\//i.test(url) && !out.has(url)) out.set(url, `${r.feed} ${r.id}`);
  return [...out].map(([url, title]) => ({ title, url }));
}

const cveParams = z.object({
  id: z
    .string()
    .min(3)
    .max(80)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a vulnerability id such as CVE-2024-3094')
    .describe('CVE-…, or any alias the DB knows (GHSA-…, CGA-…, DSA-…)'),
});

/** Registers GET /api/cves/:id. */
export function cveRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/cves/:id',
    {
      config: { withDb: anyQuery },
      schema: {
        summary:
          'a vulnerability: its records, severities (with their sources), KEV, EPSS, links and fixes, and every tracked tag that carries or carried it under the lens, since when and how it was resolved there',
        tags: ['cves'],
        params: cveParams,
        querystring: z.object({
          ...rulesQuery,
          ...lensQuery,
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(MAX_CVE_TAGS)
            .default(10)
            .describe(`tags read at most (1–${MAX_CVE_TAGS}); the answer says when there were more`),
        }),
      },
    },
    async (request) => {
      const asked = /^cve-/i.test(request.params.id) ? request.params.id.toUpperCase() : request.params.id;
      const { lens, limit } = request.query;
      const rules = rulesOf(request.query);
      const reader = (await ctx.hasDb()) ? await ctx.reader() : undefined;
      const detail = reader ? await reader.vulnerabilityDetail(asked) : undefined;
      const id = detail?.vulnerability.id ?? asked;
      const ids = [id, ...(detail?.vulnerability.aliases ?? [])];
      const packages = [...new Set(detail?.affected.map((a) => a.package) ?? [])];
      const search = await findCarriers(ctx, ids, packages, limit);
      if (!detail && search.candidates === 0)
        throw new NotFoundError(`${asked}: neither the advisory DB nor any tracked image knows it`);
      const idSet = new Set(ids);
      const tags: Carrier[] = [];
      // one cache of the DB's rows for every tag of the request (they share most packages)
      const cached = reader ? cachingReader(reader) : undefined;
      for (const ref of search.tags) {
        const c = await carrierOf(ctx, cached, ref, idSet, { lens, rules });
        // a candidate that never counted it and had no resolution of it does not carry it
        if (c && (c.firstDay || c.resolutions.length)) tags.push(c);
      }
      const [kev, epss, meta] = reader
        ? await Promise.all([reader.kev([id]), reader.epss([id]), reader.meta()])
        : [new Map<string, string>(), new Map<string, number>(), undefined];
      const ratings: SeverityRating[] = detail?.vulnerability.severities ?? [];
      // without a distribution the rule picks a CVSS score (NVD first) or a label; each tag's own
      // severity (its distribution's rating where it has one) is on its findings
      const chosen = chooseSeverity(new Set(), ratings);
      return {
        schemaVersion: '1',
        id,
        asked,
        lens,
        rules,
        known: detail !== undefined,
        summary: detail?.vulnerability.summary ?? null,
        aliases: detail?.vulnerability.aliases ?? [],
        published: detail?.vulnerability.published ?? null,
        modified: detail?.vulnerability.modified ?? null,
        withdrawn: detail?.vulnerability.withdrawn ?? null,
        severity: {
          level: chosen.severity,
          source: chosen.source,
          cvss: chosen.cvss
            ? { score: chosen.cvss.score, vector: chosen.cvss.vector ?? null, source: chosen.cvss.source }
            : null,
        },
        severities: ratings.map((r) => ({
          source: r.source,
          level: r.level,
          score: r.score ?? null,
          vector: r.cvss ?? null,
        })),
        kev: kev.has(id) ? { dateAdded: kev.get(id)! } : null,
        epss: epss.get(id) ?? null,
        records: detail?.records ?? [],
        affected: (detail?.affected ?? []).map((a) => ({
          ecosystem: a.ecosystem,
          package: a.package,
          fixState: a.fixState,
          fixedVersion: a.fixedVersion ?? null,
          fixedAt: a.fixedAt ?? null,
          feed: a.feed,
          advisory: a.advisoryId,
          knownFrom: a.knownFrom,
          withdrawn: a.withdrawn ?? null,
        })),
        links: linksOf(
          id,
          [...new Set(detail?.affected.map((a) => a.ecosystem) ?? [])],
          detail?.records ?? [],
        ),
        search: {
          candidates: search.candidates,
          read: search.tags.length,
          limit,
          capped: search.candidates > search.tags.length,
          packages: search.packages,
          packagesCapped: search.packagesCapped,
        },
        db: meta
          ? { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) }
          : null,
        tags,
      };
    },
  );
}
