/**
 * The effect of `update-alternatives --install` calls in maintainer scripts, applied without running
 * them: for each alternative name, the candidate with the highest priority whose target the root
 * holds wins, and LINK → /etc/alternatives/NAME → PATH symlinks are made, as update-alternatives(1)
 * does in auto mode. Only calls with literal arguments are read; a call built from shell variables
 * is skipped (the package then works through its own paths).
 */

/** One `--install` (or `--slave`) of a maintainer script. */
export interface AlternativeCandidate {
  link: string;
  name: string;
  path: string;
  priority: number;
  slaves: { link: string; name: string; path: string }[];
}

const PATHLIKE = /^\/[^\s$`'"]+$/;

/** The `--install` calls of a maintainer script, with their `--slave`s. */
export function parseAlternativeInstalls(script: string): AlternativeCandidate[] {
  const joined = script.replace(/\\\n/g, ' ');
  const found: AlternativeCandidate[] = [];
  for (const line of joined.split('\n')) {
    const at = line.indexOf('update-alternatives');
    if (at === -1) continue;
    const words = line.slice(at).split(/\s+/);
    const i = words.indexOf('--install');
    if (i === -1) continue;
    const [link, name, path, priority] = words.slice(i + 1, i + 5);
    if (
      !link ||
      !name ||
      !path ||
      !priority ||
      ![link, path].every((p) => PATHLIKE.test(p)) ||
      !/^\d+$/.test(priority)
    )
      continue;
    if (!/^[\w.+-]+$/.test(name)) continue;
    const slaves: AlternativeCandidate['slaves'] = [];
    for (let j = i + 5; j < words.length; j++) {
      if (words[j] !== '--slave') continue;
      const [sl, sn, sp] = words.slice(j + 1, j + 4);
      if (sl && sn && sp && PATHLIKE.test(sl) && PATHLIKE.test(sp) && /^[\w.+-]+$/.test(sn))
        slaves.push({ link: sl, name: sn, path: sp });
    }
    found.push({ link, name, path, priority: Number(priority), slaves });
  }
  return found;
}

/** The symlinks (path → target, both absolute) that auto mode leaves for these candidates. */
export function alternativeLinks(
  candidates: readonly AlternativeCandidate[],
  exists: (path: string) => boolean,
): Map<string, string> {
  const best = new Map<string, AlternativeCandidate>();
  for (const c of candidates) {
    if (!exists(c.path)) continue;
    const current = best.get(c.name);
    if (!current || c.priority > current.priority) best.set(c.name, c);
  }
  const links = new Map<string, string>();
  for (const c of [...best.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    links.set(c.link, `/etc/alternatives/${c.name}`);
    links.set(`/etc/alternatives/${c.name}`, c.path);
    for (const s of c.slaves) {
      if (!exists(s.path)) continue;
      links.set(s.link, `/etc/alternatives/${s.name}`);
      links.set(`/etc/alternatives/${s.name}`, s.path);
    }
  }
  return links;
}
