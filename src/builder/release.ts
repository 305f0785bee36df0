/**
 * A suite's `Release` file (the text `InRelease` signs): its identity and the SHA256 of every
 * index it lists. https://wiki.debian.org/DebianRepository/Format#A.22Release.22_files
 */

/** The fields of a Release file the build uses. */
export interface ReleaseFile {
  suite?: string;
  codename?: string;
  version?: string;
  date?: string;
  validUntil?: string;
  architectures: string[];
  components: string[];
  /** path under `dists/SUITE/` → its SHA256 and size */
  sha256: ReadonlyMap<string, { sha256: string; size: number }>;
}

/** Reads the text of a Release file (already verified: the output of the signature check). */
export function parseRelease(text: string): ReleaseFile {
  const fields = new Map<string, string>();
  const sha256 = new Map<string, { sha256: string; size: number }>();
  let current = '';
  for (const line of text.split('\n')) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === 'sha256') {
        const [hash, size, path] = line.trim().split(/\s+/);
        if (hash && size && path && /^[0-9a-f]{64}$/i.test(hash))
          sha256.set(path, { sha256: hash.toLowerCase(), size: Number(size) });
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).toLowerCase();
    fields.set(current, line.slice(colon + 1).trim());
  }
  const words = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
  return {
    suite: fields.get('suite'),
    codename: fields.get('codename'),
    version: fields.get('version'),
    date: fields.get('date'),
    validUntil: fields.get('valid-until'),
    architectures: words('architectures'),
    components: words('components'),
    sha256,
  };
}

/** Why a verified Release cannot be used for `suite` at `now`, or undefined when it can. */
export function releaseProblem(release: ReleaseFile, suite: string, now: Date): string | undefined {
  // a validly signed Release of another suite (or an old one) replayed by a mirror is refused
  if (release.suite !== suite && release.codename !== suite)
    return `it is the Release of ${release.codename ?? release.suite ?? 'no suite'}, not of ${suite}`;
  if (release.validUntil) {
    const until = Date.parse(release.validUntil);
    if (!Number.isNaN(until) && until < now.getTime()) return `it expired on ${release.validUntil}`;
  }
  return undefined;
}

/** The version the Release names (`12.11`), as os-release's VERSION_ID takes it (`12`). */
export function releaseMajorVersion(release: ReleaseFile): string | undefined {
  return release.version?.split('.')[0];
}
