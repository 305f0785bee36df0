import { errorMessage, type Warning } from '../../errors.js';
import { buildPurl, distroQualifier, osNamespace } from '../purl.js';
import type { Cataloguer, Distro, Package } from '../types.js';
import { bdbHeaderBlobs, isBdbHash } from './bdb.js';
import { parseRpmHeader, type RpmHeader } from './header.js';
import { isNdb, ndbHeaderBlobs } from './ndb.js';
import { isSqlite, sqliteHeaderBlobs } from './sqlite.js';

// rpm keeps its database in /var/lib/rpm, or /usr/lib/sysimage/rpm since Fedora 36 / SUSE
const DB_PATHS = new Set(
  ['/var/lib/rpm', '/usr/lib/sysimage/rpm'].flatMap((dir) =>
    ['Packages', 'Packages.db', 'rpmdb.sqlite'].map((f) => `${dir}/${f}`),
  ),
);

/** The rpm cataloguer: any of the three rpm database backends, recognised by content. */
export const rpmCataloguer: Cataloguer = {
  name: 'rpm',
  wants: (path) => DB_PATHS.has(path),
  async parse(path, content, ctx) {
    const warnings: Warning[] = [];
    let blobs: Buffer[];
    try {
      const read = headerBlobs(content);
      blobs = read.blobs;
      warnings.push(...read.problems.map((message) => ({ source: path, message })));
    } catch (err) {
      return {
        packages: [],
        warnings: [{ source: path, message: `cannot read the rpm database: ${errorMessage(err)}` }],
      };
    }
    const packages: Package[] = [];
    for (const blob of blobs) {
      if (blob.length < 16) continue; // BDB's record 0 is a 4-byte counter, not a header
      let header: RpmHeader;
      try {
        header = parseRpmHeader(blob);
      } catch (err) {
        warnings.push({ source: path, message: `skipped a package header: ${errorMessage(err)}` });
        continue;
      }
      // gpg-pubkey entries (imported signing keys) are kept: rpm -qa lists them and so do the
      // peers' package lists; they never match an advisory
      packages.push(toPackage(header, path, ctx.distro));
    }
    return { packages, warnings };
  },
};

function headerBlobs(content: Buffer): { blobs: Buffer[]; problems: string[] } {
  if (isSqlite(content)) return { blobs: sqliteHeaderBlobs(content), problems: [] };
  if (isNdb(content)) return ndbHeaderBlobs(content);
  if (isBdbHash(content)) return bdbHeaderBlobs(content);
  throw new Error('it is neither SQLite, NDB nor Berkeley DB');
}

/** `[epoch:]version-release`, the version form rpm tools and advisories compare. */
export function rpmVersion(header: Pick<RpmHeader, 'epoch' | 'version' | 'release'>): string {
  return `${header.epoch !== undefined ? `${header.epoch}:` : ''}${header.version}-${header.release}`;
}

/** Splits a source rpm file name `name-version-release.src.rpm` into name and version-release. */
export function parseSourceRpm(file: string): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  return match ? { name: match[1]!, version: `${match[2]}-${match[3]}` } : undefined;
}

function toPackage(header: RpmHeader, path: string, distro: Distro | undefined): Package {
  const source = header.sourceRpm ? parseSourceRpm(header.sourceRpm) : undefined;
  return {
    name: header.name,
    version: rpmVersion(header),
    type: 'rpm',
    purl: buildPurl({
      type: 'rpm',
      namespace: osNamespace(distro, ''),
      name: header.name,
      version: `${header.version}-${header.release}`,
      qualifiers: {
        arch: header.arch,
        epoch: header.epoch !== undefined ? String(header.epoch) : undefined,
        distro: distroQualifier(distro),
        upstream: header.sourceRpm,
      },
    }),
    // the source rpm file carries no epoch; a binary's epoch is its source's (as Trivy assumes)
    source: source && {
      name: source.name,
      version: header.epoch !== undefined ? `${header.epoch}:${source.version}` : source.version,
    },
    arch: header.arch,
    licenses: header.license ? [header.license] : [],
    locations: [path],
    foundBy: 'rpm',
    metadata: {
      kind: 'rpm',
      epoch: header.epoch,
      version: header.version,
      release: header.release,
      sourceRpm: header.sourceRpm,
      vendor: header.vendor,
      modularityLabel: header.modularityLabel,
    },
  };
}
