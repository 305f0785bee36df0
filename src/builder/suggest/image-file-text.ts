/**
 * The suggested `cleanroom.yaml`: the packages the analysis found (each with why, as a comment),
 * the original's entrypoint, cmd, env and workdir, and the account it runs as. Pure; the text is
 * parsed back with the image file's own schema before it is built.
 */
import type { Analysis } from './analysis-types.js';

const q = (s: string) => JSON.stringify(s);
const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;

/** Dependencies taken as met: only maintainer scripts use them, and a build runs none. */
export const SCRIPT_ONLY = ['dpkg', 'debconf'];

/** A repository to name in the image file (when the machine's apt sources do not serve the suite). */
export interface RepositoryLine {
  url: string;
  suites: string[];
}

/**
 * The machine's Debian sources moved to another suite (`bookworm`, `bookworm-updates` →
 * `trixie`, `trixie-updates`), for an image of a suite the machine's sources do not name; none
 * when they do (the builder then reads them itself).
 */
export function repositoriesForSuite(
  sources: readonly { uri: string; suites: string[]; components: string[] }[],
  suite: string,
): RepositoryLine[] {
  const debian = sources.filter((s) => s.components.includes('main'));
  if (debian.some((s) => s.suites.some((x) => x === suite || x.startsWith(`${suite}-`)))) return [];
  const out: RepositoryLine[] = [];
  for (const s of debian) {
    const suites = s.suites
      .map((x) => /^(bookworm|trixie|bullseye)(-.+)?$/.exec(x))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => `${suite}${m[2] ?? ''}`);
    if (suites.length) out.push({ url: s.uri, suites: [...new Set(suites)] });
  }
  return out;
}

/** The image file text for an analysis. */
export function imageFileText(
  a: Analysis,
  source: string,
  suite: string,
  arch: string,
  repositories: readonly RepositoryLine[] = [],
): string {
  const lines = [
    `# Suggested by cleanroom suggest from ${source}: what its program needs, nothing else.`,
    `# Build: cleanroom build cleanroom.yaml --output image.oci.tar (suggest adds the application layer)`,
    `suite: ${suite}`,
  ];
  if (repositories.length)
    lines.push(
      "# this machine's apt sources, moved to the image's suite",
      'repositories:',
      ...repositories.flatMap((r) => [`  - url: ${q(r.url)}`, `    suites: ${list(r.suites)}`]),
    );
  lines.push('packages:');
  for (const [name, why] of [...a.packages].sort(([x], [y]) => (x < y ? -1 : 1)))
    lines.push(
      `  - ${name} # ${why[0]!.replace(/\n/g, ' ')}${why.length > 1 ? ` (+${why.length - 1} more)` : ''}`,
    );
  const excluded = SCRIPT_ONLY.filter((p) => !a.packages.has(p));
  if (excluded.length)
    lines.push('# needed only by maintainer scripts, which a build never runs', `exclude: ${list(excluded)}`);
  lines.push(`caCertificates: ${a.caCertificates}`);
  lines.push(
    `account:${a.user.runsAsRoot ? ' # the original runs as root' : ''}`,
    `  user: ${a.user.user}`,
    `  uid: ${a.user.uid}`,
    `  gid: ${a.user.gid}`,
  );
  if (a.entrypoint?.length) lines.push(`entrypoint: ${list(a.entrypoint)}`);
  if (a.cmd?.length) lines.push(`cmd: ${list(a.cmd)}`);
  const env = Object.entries(a.env).filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
  if (env.length) lines.push('env:', ...env.map(([k, v]) => `  ${k}: ${q(v)}`));
  if (a.workdir) lines.push(`workdir: ${q(a.workdir)}`);
  lines.push('labels:', `  dev.cleanroom.suggested-from: ${q(source)}`, `architectures: [${arch}]`);
  return `${lines.join('\n')}\n`;
}
