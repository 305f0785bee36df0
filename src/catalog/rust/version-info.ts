/**
 * The JSON inside `.dep-v0`: cargo-auditable's `VersionInfo` (its schema:
 * https://github.com/rust-secure-code/cargo-auditable/blob/master/cargo-auditable.schema.json).
 * `{"format"?: n, "packages": [{"name", "version", "source", "kind"?, "dependencies"?, "root"?}]}`;
 * `kind` defaults to "runtime" and `root` to false when omitted.
 */
import { z } from 'zod';

// `source` is a string ("crates.io", "registry", "git", "local", or a future one); the format
// reserves an object form `{"kind": "git", …}` for sources with details, read by its kind
const source = z.union([
  z.string(),
  z
    .object({ kind: z.string() })
    .loose()
    .transform((s) => s.kind),
]);

const auditPackage = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    source,
    // an unknown kind is kept as written and is not "build": only the format's own word skips
    kind: z.string().optional(),
    root: z.boolean().optional(),
  })
  .loose();

const versionInfo = z.object({ packages: z.array(auditPackage) }).loose();

export type AuditPackage = z.infer<typeof auditPackage>;

// crates fetched from a package registry: crates.io, another registry, and `sparse`, which older
// cargo-auditable releases wrote for a sparse index (they kept the source id's part before `+`)
const REGISTRY_SOURCES = new Set(['crates.io', 'registry', 'sparse']);

/** The packages of a `.dep-v0` JSON text, or why they cannot be read. */
export function parseVersionInfo(json: string): { packages: AuditPackage[] } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { problem: 'has a .dep-v0 section that is not JSON' };
  }
  const parsed = versionInfo.safeParse(raw);
  if (!parsed.success)
    return { problem: "has a .dep-v0 section that does not follow cargo-auditable's schema" };
  return { packages: parsed.data.packages };
}

/**
 * Whether a crate of the list is one of the image's packages: code from a registry compiled into
 * the binary. Build-time crates (build scripts, proc-macros and what they use) are left out, as
 * Syft and Trivy leave them out: their code runs on the build machine, never ships in the
 * binary, and their advisories do not apply to the image. Workspace and path crates (`local`) and
 * `git` checkouts are left out because no registry release has their name and version: matched
 * against crates.io advisories they would only give false findings. The root crate is kept when it
 * came from a registry (`cargo install ripgrep` builds crates.io's ripgrep): its own advisories
 * apply; a distribution's or a project's own root is `local` and left out.
 */
export function isShippedRegistryCrate(pkg: AuditPackage): boolean {
  return pkg.kind !== 'build' && REGISTRY_SOURCES.has(pkg.source);
}
