/**
 * Trivy's JSON report (`trivy image --format json`, SchemaVersion 2): Results[].Vulnerabilities.
 * The report names Trivy's version but not its DB's build time, so the DB time stays unknown.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { parseFeedTime } from '../../time/instant.js';
import { statedTime } from '../date-range.js';
import { checkDigest } from '../image-ref.js';
import type { CompactFinding } from '../compact.js';
import { fixStateWord, severityWord } from './severity-words.js';
import type { PeerFormat } from './types.js';

const vulnerability = z.object({
  VulnerabilityID: z.string(),
  PkgName: z.string(),
  InstalledVersion: z.string().optional(),
  FixedVersion: z.string().optional(),
  Status: z.string().optional(),
  Severity: z.string().optional(),
});

const report = z.object({
  SchemaVersion: z.number(),
  CreatedAt: z.string().optional(),
  ArtifactName: z.string().optional(),
  ArtifactID: z.string().optional(),
  Trivy: z.object({ Version: z.string().optional() }).optional(),
  Metadata: z
    .object({
      Size: z.number().optional(),
      ImageID: z.string().optional(),
      RepoDigests: z.array(z.string()).optional(),
      ImageConfig: z.object({ created: z.string().optional() }).optional(),
      // the OS Trivy detected (family alpine, debian …; name its version)
      OS: z.object({ Family: z.string().min(1), Name: z.string().optional() }).optional(),
    })
    .optional(),
  Results: z
    .array(
      z.object({
        Vulnerabilities: z.array(vulnerability).nullish(),
        Packages: z.array(z.unknown()).nullish(),
      }),
    )
    .optional(),
});

/** Trivy JSON results. */
export const trivyFormat: PeerFormat = {
  name: 'trivy',
  detect: (doc) => typeof doc === 'object' && doc !== null && 'SchemaVersion' in doc && 'ArtifactName' in doc,
  read(doc, file) {
    const parsed = report.safeParse(doc);
    if (!parsed.success)
      throw new InputError(`${file} is not a valid Trivy JSON report: ${parsed.error.issues[0]?.message}`);
    const r = parsed.data;
    const repoDigest = r.Metadata?.RepoDigests?.[0]?.split('@')[1];
    const digest = repoDigest ?? r.Metadata?.ImageID ?? r.ArtifactID;
    if (!digest)
      throw new InputError(`${file} names no image digest or id (Metadata.RepoDigests, ImageID, ArtifactID)`);
    checkDigest(digest, `${file}: the image digest`);
    const findings: CompactFinding[] = (r.Results ?? []).flatMap((result) =>
      (result.Vulnerabilities ?? []).map((v): CompactFinding => [
        v.VulnerabilityID,
        severityWord(v.Severity),
        fixStateWord(v.Status, v.FixedVersion),
        v.PkgName,
        v.InstalledVersion ?? '',
        v.FixedVersion ?? '',
      ]),
    );
    const packages = r.Results?.some((x) => x.Packages)
      ? r.Results.reduce((n, x) => n + (x.Packages?.length ?? 0), 0)
      : undefined;
    const os = r.Metadata?.OS;
    return {
      scanner: { name: 'trivy', version: r.Trivy?.Version ?? 'unknown' },
      ...(os && { distro: { id: os.Family.toLowerCase(), ...(os.Name && { versionId: os.Name }) } }),
      db: { builtAt: null, feeds: {} },
      digest,
      digestKind: repoDigest ? 'manifest' : 'config',
      created: parseFeedTime(r.Metadata?.ImageConfig?.created),
      sizeBytes: r.Metadata?.Size,
      packages,
      scannedAt: statedTime(r.CreatedAt, `${file}: CreatedAt`),
      findings,
    };
  },
};
