/**
 * The verified indexes of the image file's repositories: each suite's `InRelease` checked with
 * gpgv against the repository's keyring, then each component's `Packages` index checked against
 * the SHA256 the signed Release gives for it. Indexes are cached decompressed, by the hash the
 * Release gives the uncompressed file, so a warm build neither downloads nor decompresses them.
 */
import { InputError } from '../errors.js';
import { decompress, compressionOf } from './decompress.js';
import { fetchBytes, fetchVerified, readCached, sha256Hex, storeCached } from './download-cache.js';
import { indexPackages, type PackagesIndex } from './packages-index.js';
import { parseRelease, releaseProblem, type ReleaseFile } from './release.js';
import { verifyInRelease } from './verify-signature.js';

/** One repository of the image file, defaults applied. */
export interface Repository {
  url: string;
  suites: string[];
  components: string[];
  keyring: string;
}

/** What the verified suites say, and their indexes for one architecture. */
export interface LoadedIndexes {
  releases: { url: string; suite: string; release: ReleaseFile }[];
  indexes: PackagesIndex[];
}

/** Loads the verified Release of one suite of a repository. */
async function loadRelease(repo: Repository, suite: string, now: Date): Promise<ReleaseFile> {
  const url = `${repo.url}/dists/${suite}/InRelease`;
  const text = await verifyInRelease(await fetchBytes(url), repo.keyring, url);
  const release = parseRelease(text);
  const problem = releaseProblem(release, suite, now);
  if (problem) throw new InputError(`${url} cannot be used: ${problem}`);
  return release;
}

/** The text of one component's Packages index for `arch`, verified against the Release. */
async function loadPackages(
  cacheDir: string,
  repo: Repository,
  suite: string,
  release: ReleaseFile,
  path: string,
): Promise<string> {
  const plain = release.sha256.get(path);
  const cached = plain && (await readCached(cacheDir, plain.sha256));
  if (cached) return cached.toString('latin1');
  const base = `${repo.url}/dists/${suite}/`;
  for (const suffix of ['.xz', '.gz', '']) {
    const entry = release.sha256.get(path + suffix);
    if (!entry) continue;
    const label = `${base}${path}${suffix}`;
    const data = await fetchVerified(cacheDir, {
      url: `${base}${path}${suffix}`,
      sha256: entry.sha256,
      label,
      vouchedBy: `${base}InRelease`,
    });
    const text = await decompress(data, compressionOf(path + suffix), label);
    if (plain) {
      if (sha256Hex(text) !== plain.sha256)
        throw new InputError(`${label} does not decompress to the ${path} the signed Release describes`);
      await storeCached(cacheDir, plain.sha256, text);
    }
    // latin1: the fields resolution reads are ASCII, and latin1 decodes three times faster
    return text.toString('latin1');
  }
  throw new InputError(`${base}InRelease lists no ${path} index`);
}

/** Verifies and loads every suite and component of the repositories for one architecture. */
export async function loadIndexes(
  repositories: readonly Repository[],
  arch: string,
  cacheDir: string,
  now = new Date(),
): Promise<LoadedIndexes> {
  // suites are fetched and verified in parallel: each InRelease is a round trip to the mirror
  const suites = repositories.flatMap((repo) => repo.suites.map((suite) => ({ repo, suite })));
  const loaded = await Promise.all(
    suites.map(async ({ repo, suite }) => {
      const release = await loadRelease(repo, suite, now);
      const texts = await Promise.all(
        repo.components.map((c) =>
          loadPackages(cacheDir, repo, suite, release, `${c}/binary-${arch}/Packages`),
        ),
      );
      return { url: repo.url, suite, release, indexes: texts.map((t) => indexPackages(t, repo.url)) };
    }),
  );
  const releases = loaded.map(({ url, suite, release }) => ({ url, suite, release }));
  const indexes = loaded.flatMap((l) => l.indexes);
  return { releases, indexes };
}
