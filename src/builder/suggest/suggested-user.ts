/** The account the suggestion runs as: the original's when it is not root, else nonroot (65532). */
import type { FileView } from '../../image/file-view.js';
import type { SuggestedUser } from './analysis-types.js';

/** The image's /etc/passwd ('' when it has none). */
export async function passwdOf(view: FileView): Promise<string> {
  try {
    return (await view.readFile('/etc/passwd')).toString('utf8');
  } catch {
    return '';
  }
}

/** The account of the suggestion for the original config's User and the image's passwd. */
export function suggestedUser(original: string, passwd: string): SuggestedUser {
  const [who = '', group] = original.split(':');
  const entries = passwd
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4);
  const byName = entries.find((f) => f[0] === who);
  const byUid = entries.find((f) => f[2] === who);
  const uid = /^\d+$/.test(who) ? Number(who) : byName ? Number(byName[2]) : 0;
  if (who === '' || who === 'root' || uid === 0)
    return { original, runsAsRoot: true, user: 'nonroot', uid: 65532, gid: 65532 };
  const name = byName?.[0] ?? byUid?.[0] ?? 'app';
  const gid = group && /^\d+$/.test(group) ? Number(group) : Number((byName ?? byUid)?.[3] ?? uid);
  return {
    original,
    runsAsRoot: false,
    user: /^[a-z_][a-z0-9_-]*$/.test(name) ? name : 'app',
    uid,
    gid: gid || uid,
  };
}
