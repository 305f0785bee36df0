import { buildPurl, distroQualifier, osNamespace } from '../purl.js';
import type { CatalogContext, Cataloguer, Package } from '../types.js';
import type { Warning } from '../../errors.js';
import { parseControlStanzas } from './control.js';
import { isCopyrightFile, packageLicenses } from './copyright.js';
import { dpkgRecordFromStanza, type DpkgRecord } from './dpkg-status.js';

const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';

/** The Debian/Ubuntu dpkg cataloguer: `/var/lib/dpkg/status` and distroless `status.d/` files. */
export const dpkgCataloguer: Cataloguer = {
  name: 'dpkg',
  // distroless writes `status.d/NAME` plus `NAME.md5sums` checksum lists, which are not stanzas
  wants: (path) =>
    path === STATUS ||
    (path.startsWith(STATUS_D) && !path.endsWith('.md5sums') && !path.slice(STATUS_D.length).includes('/')),
  retains: isCopyrightFile,
  async parse(path, content, ctx) {
    const { stanzas, problems } = parseControlStanzas(content.toString('utf8'));
    const warnings: Warning[] = problems.map((message) => ({ source: path, message }));
    const packages: Package[] = [];
    for (const stanza of stanzas) {
      const record = dpkgRecordFromStanza(stanza);
      if (typeof record === 'string') warnings.push({ source: path, message: record });
      else if (record) packages.push(await toPackage(record, path, ctx));
    }
    if (stanzas.length === 0 && content.length > 0)
      warnings.push({ source: path, message: 'holds no dpkg stanza' });
    return { packages, warnings };
  },
};

async function toPackage(record: DpkgRecord, path: string, ctx: CatalogContext): Promise<Package> {
  const sourceDiffers = record.sourceName !== record.name || record.sourceVersion !== record.version;
  const upstream =
    record.sourceVersion !== record.version
      ? `${record.sourceName}@${record.sourceVersion}`
      : record.sourceName;
  return {
    name: record.name,
    version: record.version,
    type: 'deb',
    purl: buildPurl({
      type: 'deb',
      namespace: osNamespace(ctx.distro, 'debian'),
      name: record.name,
      version: record.version,
      qualifiers: {
        arch: record.arch,
        distro: distroQualifier(ctx.distro),
        upstream: sourceDiffers ? upstream : undefined,
      },
    }),
    source: { name: record.sourceName, version: record.sourceVersion },
    arch: record.arch,
    licenses: await packageLicenses(ctx.view, record.name),
    locations: [path, ...(await fileList(record, ctx))],
    foundBy: 'dpkg',
    metadata: {
      kind: 'deb',
      status: record.status,
      maintainer: record.maintainer,
      installedSize: record.installedSize,
      multiArch: record.multiArch,
    },
  };
}

// dpkg names the list `NAME:ARCH.list` for Multi-Arch: same packages, `NAME.list` otherwise
async function fileList(record: DpkgRecord, ctx: CatalogContext): Promise<string[]> {
  for (const name of [`${record.name}:${record.arch}`, record.name]) {
    const path = `/var/lib/dpkg/info/${name}.list`;
    if ((await ctx.view.lstat(path))?.type === 'file') return [path];
  }
  return [];
}
