import { buildPurl, distroQualifier, osNamespace } from '../purl.js';
import type { Cataloguer, Package } from '../types.js';
import { parseApkInstalled, type ApkRecord } from './apk-installed.js';

const DB_PATH = '/lib/apk/db/installed';

/** The Alpine / Wolfi / Chainguard apk cataloguer: reads `/lib/apk/db/installed`. */
export const apkCataloguer: Cataloguer = {
  name: 'apk',
  wants: (path) => path === DB_PATH,
  async parse(path, content, ctx) {
    const { records, problems } = parseApkInstalled(content.toString('utf8'));
    const packages = records.map((record): Package => {
      const origin = record.origin ?? record.name;
      return {
        name: record.name,
        version: record.version,
        type: 'apk',
        purl: buildPurl({
          type: 'apk',
          namespace: osNamespace(ctx.distro, 'alpine'),
          name: record.name,
          version: record.version,
          qualifiers: {
            arch: record.arch,
            distro: distroQualifier(ctx.distro),
            upstream: origin !== record.name ? origin : undefined,
          },
        }),
        // the origin is the aports source package; secdb advisories name it, at the same version
        source: { name: origin, version: record.version },
        arch: record.arch,
        licenses: record.license ? [record.license] : [],
        locations: [path],
        foundBy: 'apk',
        metadata: {
          kind: 'apk',
          origin: record.origin,
          maintainer: record.maintainer,
          installedSize: record.installedSize,
          commit: record.commit,
        },
      };
    });
    return { packages, warnings: problems.map((message) => ({ source: path, message })) };
  },
};

export type { ApkRecord };
