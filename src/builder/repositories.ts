/**
 * The repositories of an image file, defaults applied: those it names, else the `deb` sources of
 * this machine that serve its suite (`bookworm`, `bookworm-updates`, `bookworm-security` …), so no
 * mirror host is ever written into cleanroom itself.
 */
import { InputError } from '../errors.js';
import type { AptSource } from './apt-sources.js';
import type { ImageFile } from './image-file.js';
import type { Repository } from './repository.js';
import { DEBIAN_ARCHIVE_KEYRING } from './verify-signature.js';

/** The repositories to resolve from; `sources` are the machine's apt sources. */
export function repositoriesFor(image: ImageFile, sources: readonly AptSource[], file: string): Repository[] {
  if (image.repositories)
    return image.repositories.map((r) => ({
      url: r.url.replace(/\/+$/, ''),
      suites: r.suites ?? [image.suite],
      components: r.components,
      keyring: r.keyring ?? DEBIAN_ARCHIVE_KEYRING,
    }));
  const ours = (suite: string) => suite === image.suite || suite.startsWith(`${image.suite}-`);
  const repos: Repository[] = [];
  for (const source of sources) {
    const suites = source.suites.filter(ours);
    const components = source.components.filter((c) => c === 'main');
    if (suites.length === 0 || components.length === 0) continue;
    repos.push({ url: source.uri, suites, components, keyring: source.signedBy ?? DEBIAN_ARCHIVE_KEYRING });
  }
  if (repos.length === 0)
    throw new InputError(
      `${file} names no repositories and this machine's apt sources have none for ${image.suite} main; add a repositories: list`,
    );
  return repos;
}
