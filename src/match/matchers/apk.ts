import type { Matcher } from '../matcher.js';

/**
 * apk packages are matched by origin (the aport that built them), as the Alpine secdb and the
 * Wolfi feeds key their entries: `libcrypto1.1` is fixed through origin `openssl`.
 * Alpine rows are per release branch: 3.9.4 reads `Alpine:v3.9`; edge reads `Alpine:edge`.
 */
export const apkMatcher: Matcher = {
  name: 'apk',
  keys(pkg, distro) {
    if (pkg.type !== 'apk' || !distro) return [];
    const name = pkg.source?.name ?? pkg.name;
    const version = pkg.version;
    switch (distro.id) {
      case 'alpine': {
        const branch = alpineBranch(distro.versionId);
        return branch
          ? [{ ecosystem: `Alpine:${branch}`, name, version, scheme: 'apk', distroSource: 'alpine' }]
          : [];
      }
      case 'wolfi':
        return [{ ecosystem: 'Wolfi', name, version, scheme: 'apk', distroSource: 'wolfi' }];
      case 'chainguard':
        // Chainguard images are built from Wolfi packages plus Chainguard's own; both feeds apply.
        return [
          { ecosystem: 'Chainguard', name, version, scheme: 'apk', distroSource: 'chainguard' },
          { ecosystem: 'Wolfi', name, version, scheme: 'apk', distroSource: 'wolfi' },
        ];
      default:
        return [];
    }
  },
};

/** 3.9.4 → v3.9; an `_alpha` or edge release → edge. */
export function alpineBranch(versionId: string | undefined): string | undefined {
  if (!versionId) return undefined;
  if (versionId.includes('_alpha') || versionId === 'edge') return 'edge';
  const m = /^(\d+)\.(\d+)/.exec(versionId);
  return m ? `v${m[1]}.${m[2]}` : undefined;
}
