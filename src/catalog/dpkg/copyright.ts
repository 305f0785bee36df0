import type { FileView } from '../../image/file-view.js';
import { parseControlStanzas } from './control.js';

/** Where dpkg packages install their copyright file (Debian Policy §12.5). */
export const copyrightPath = (pkg: string) => `/usr/share/doc/${pkg}/copyright`;

/** Whether a path is a package's copyright file, which the dpkg cataloguer reads for licences. */
export const isCopyrightFile = (path: string) => /^\/usr\/share\/doc\/[^/]+\/copyright$/.test(path);

/**
 * The licences of a machine-readable copyright file (DEP-5, copyright-format 1.0): the first line
 * of every `License:` field, in order, without repeats. Free-form copyright files (no `Format:`
 * naming copyright-format) give none: guessing licences from prose is not cheap nor reliable.
 */
export function dep5Licenses(text: string): string[] {
  const { stanzas } = parseControlStanzas(text);
  const format = stanzas[0]?.fields.get('format');
  if (!format || !format.includes('copyright-format')) return [];
  const licenses = stanzas
    .map((s) => s.fields.get('license')?.split('\n')[0]?.trim())
    .filter((l): l is string => !!l);
  return [...new Set(licenses)];
}

/** Reads the licences of a package from its copyright file in the view; [] when absent or unread. */
export async function packageLicenses(view: FileView, pkg: string): Promise<string[]> {
  try {
    if ((await view.stat(copyrightPath(pkg)))?.type !== 'file') return [];
    return dep5Licenses((await view.readFile(copyrightPath(pkg))).toString('utf8'));
  } catch {
    return []; // present but not retained by the reader: licences are a bonus, not a failure
  }
}
