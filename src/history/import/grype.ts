/**
 * Grype's JSON report (`grype IMAGE -o json`): matches[] with vulnerability, related ids and the
 * artifact; `descriptor` names Grype's version and its DB's build time (`db.built` up to schema
 * v5, `db.status.built` from v6), and the DB's providers where v6 lists them.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { parseFeedTime } from '../../time/instant.js';
import { statedTime } from '../date-range.js';
import { checkDigest } from '../image-ref.js';
import type { CompactFinding } from '../compact.js';
import { fixStateWord, severityWord } from './severity-words.js';
import type { PeerFormat } from './types.js';

const match = z.object({
  vulnerability: z.object({
    id: z.string(),
    severity: z.string().optional(),
    fix: z.object({ versions: z.array(z.string()).nullish(), state: z.string().optional() }).optional(),
  }),
  relatedVulnerabilities: z.array(z.object({ id: z.string() })).nullish(),
  artifact: z.object({ name: z.string(), version: z.string().optional() }),
});

const report = z.object({
  matches: z.array(match),
  source: z
    .object({
      target: z
        .object({
          manifestDigest: z.string().optional(),
          imageID: z.string().optional(),
          repoDigests: z.array(z.string()).nullish(),
          imageSize: z.number().optional(),
        })
        .passthrough()
        .or(z.string())
        .optional(),
    })
    .optional(),
  // the distribution Grype detected (name alpine, debian …; version its VERSION_ID)
  distro: z.object({ name: z.string().optional(), version: z.string().optional() }).nullish(),
  descriptor: z.object({
    name: z.string(),
    version: z.string().optional(),
    timestamp: z.string().optional(),
    db: z
      .object({
        built: z.string().optional(),
        status: z.object({ built: z.string().optional() }).optional(),
        providers: z.record(z.string(), z.object({ captured: z.string().optional() })).optional(),
      })
      .optional(),
  }),
});

// Grype reports a GHSA or distro id where the distro's own record is not a CVE; the count unit
// collapses aliases to the CVE id (docs/counting.md), which Grype lists among related ids
function vulnerabilityId(m: z.infer<typeof match>): string {
  if (m.vulnerability.id.startsWith('CVE-')) return m.vulnerability.id;
  return m.relatedVulnerabilities?.find((r) => r.id.startsWith('CVE-'))?.id ?? m.vulnerability.id;
}

/** Grype JSON results. */
export const grypeFormat: PeerFormat = {
  name: 'grype',
  detect: (doc) => typeof doc === 'object' && doc !== null && 'matches' in doc && 'descriptor' in doc,
  read(doc, file) {
    const parsed = report.safeParse(doc);
    if (!parsed.success)
      throw new InputError(`${file} is not a valid Grype JSON report: ${parsed.error.issues[0]?.message}`);
    const r = parsed.data;
    const target = typeof r.source?.target === 'object' ? r.source.target : undefined;
    const repoDigest = target?.repoDigests?.[0]?.split('@')[1];
    const digest = target?.manifestDigest ?? repoDigest ?? target?.imageID;
    if (!digest)
      throw new InputError(
        `${file} names no image digest (source.target.manifestDigest, repoDigests, imageID)`,
      );
    checkDigest(digest, `${file}: the image digest`);
    const findings = r.matches.map((m): CompactFinding => {
      const fixed = m.vulnerability.fix?.versions?.[0] ?? '';
      return [
        vulnerabilityId(m),
        severityWord(m.vulnerability.severity),
        fixStateWord(m.vulnerability.fix?.state, fixed || undefined),
        m.artifact.name,
        m.artifact.version ?? '',
        fixed,
      ];
    });
    const db = r.descriptor.db;
    const feeds = Object.fromEntries(
      Object.entries(db?.providers ?? {}).flatMap(([name, p]) => (p.captured ? [[name, p.captured]] : [])),
    );
    const distro = r.distro?.name ? r.distro : undefined;
    return {
      scanner: { name: r.descriptor.name, version: r.descriptor.version ?? 'unknown' },
      ...(distro && {
        distro: { id: distro.name!.toLowerCase(), ...(distro.version && { versionId: distro.version }) },
      }),
      db: { builtAt: parseFeedTime(db?.status?.built ?? db?.built) ?? null, feeds },
      digest,
      digestKind: target?.manifestDigest || repoDigest ? 'manifest' : 'config',
      sizeBytes: target?.imageSize,
      scannedAt: statedTime(r.descriptor.timestamp, `${file}: descriptor.timestamp`),
      findings,
    };
  },
};
