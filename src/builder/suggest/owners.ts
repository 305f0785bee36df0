/**
 * Which dpkg package owns which path: `/var/lib/dpkg/info/NAME[:ARCH].list` (one path per line) on
 * a system dpkg installed, `status.d/NAME.md5sums` (`MD5  relative/path`) on distroless. On a
 * merged-/usr root a list may say `/bin/ls` for the file at `/usr/bin/ls` (and trixie's the
 * reverse), so each path is also known under its alias. Pure: texts in, a lookup out.
 */

const ALIASED = /^\/(bin|sbin|lib|lib32|lib64|libx32|libo32)(\/|$)/;

/** The same path on the other side of the merged-/usr links: `/bin/ls` ⇄ `/usr/bin/ls`. */
export function usrAlias(path: string): string | undefined {
  if (ALIASED.test(path)) return `/usr${path}`;
  if (ALIASED.test(path.slice(4)) && path.startsWith('/usr/')) return path.slice(4);
  return undefined;
}

/** Paths owned by packages. */
export class Owners {
  private readonly byPath = new Map<string, string>();

  /** Records the paths of one package's list (`.list` lines or `.md5sums` lines). */
  add(pkg: string, text: string, format: 'list' | 'md5sums'): void {
    for (const raw of text.split('\n')) {
      let path = format === 'list' ? raw.trim() : raw.replace(/^[0-9a-f]{32} +/, '').trim();
      if (!path || path === '/.') continue;
      if (!path.startsWith('/')) path = `/${path}`;
      this.set(path, pkg);
      const alias = usrAlias(path);
      if (alias) this.set(alias, pkg);
    }
  }

  private set(path: string, pkg: string) {
    if (!this.byPath.has(path)) this.byPath.set(path, pkg);
  }

  /** The package owning this exact path, if any. */
  owner(path: string): string | undefined {
    return this.byPath.get(path);
  }

  get size(): number {
    return this.byPath.size;
  }
}

/** The package name of an info list file name: `libc6:amd64.list` → `libc6`. */
export function packageOfList(fileName: string): string | undefined {
  const m = /^([a-z0-9][a-z0-9+.-]+)(?::[a-z0-9-]+)?\.list$/.exec(fileName);
  return m?.[1];
}
