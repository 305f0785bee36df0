/**
 * The suggested `cleanroom.yaml`: the packages the analysis found (each with why, as a comment),
 * the original's entrypoint, cmd, env and workdir, and the account it runs as. Pure; the text is
 * parsed back with the image file's own schema before it is built.
 */
import type { Analysis } from './analyse.js';

const q = (s: string) => JSON.stringify(s);
const list = (items: readonly string[]) => `[${items.map(q).join(', ')}]`;

/** Dependencies taken as met: only maintainer scripts use them, and a build runs none. */
export const SCRIPT_ONLY = ['dpkg', 'debconf'];

/** The image file text for an analysis. */
export function imageFileText(a: Analysis, source: string, suite: string, arch: string): string {
  const lines = [
    `# Suggested by cleanroom suggest from ${source}: what its program needs, nothing else.`,
    `# Build: cleanroom build cleanroom.yaml --output image.oci.tar (suggest adds the application layer)`,
    `suite: ${suite}`,
    'packages:',
  ];
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
