/**
 * The repositories the machine's apt sources name, the default of an image file: one-line
 * `deb URI SUITE COMPONENT…` entries (sources.list(5)) and deb822 stanzas of `*.sources` files
 * (`Types`, `URIs`, `Suites`, `Components`, `Signed-By`, `Enabled`). Only `deb` entries count.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One repository as apt names it. */
export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
  /** a keyring file path, when the entry names one */
  signedBy?: string;
}

const strip = (uri: string) => uri.replace(/\/+$/, '');

/** Reads one-line sources.list text. */
export function parseSourcesList(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line.startsWith('deb ') && !line.startsWith('deb\t')) continue;
    let rest = line.slice(4).trim();
    let signedBy: string | undefined;
    const options = /^\[([^\]]*)\]\s*/.exec(rest);
    if (options) {
      signedBy = /(?:^|\s)signed-by=(\S+)/.exec(options[1]!)?.[1];
      rest = rest.slice(options[0].length);
    }
    const [uri, suite, ...components] = rest.split(/\s+/);
    if (uri && suite)
      sources.push({ uri: strip(uri), suites: [suite], components, ...(signedBy ? { signedBy } : {}) });
  }
  return sources;
}

/** Reads deb822 `.sources` text. */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)}\n${line.trim()}`);
      else if (line.includes(':')) {
        last = line.slice(0, line.indexOf(':')).trim().toLowerCase();
        fields.set(last, line.slice(line.indexOf(':') + 1).trim());
      }
    }
    const words = (k: string) => (fields.get(k) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb') || fields.get('enabled')?.toLowerCase() === 'no') continue;
    const signedBy = fields.get('signed-by');
    for (const uri of words('uris'))
      sources.push({
        uri: strip(uri),
        suites: words('suites'),
        components: words('components'),
        // an inline key block is not a path; the default keyring then applies
        ...(signedBy && signedBy.startsWith('/') && !signedBy.includes('\n') ? { signedBy } : {}),
      });
  }
  return sources;
}

/** The `deb` sources of this machine: /etc/apt/sources.list and /etc/apt/sources.list.d/*. */
export async function readAptSources(etc = '/etc/apt'): Promise<AptSource[]> {
  const sources: AptSource[] = [];
  const list = await readFile(join(etc, 'sources.list'), 'utf8').catch(() => '');
  sources.push(...parseSourcesList(list));
  const names = (await readdir(join(etc, 'sources.list.d')).catch(() => [] as string[])).sort();
  for (const name of names) {
    const text = await readFile(join(etc, 'sources.list.d', name), 'utf8').catch(() => '');
    if (name.endsWith('.sources')) sources.push(...parseDeb822Sources(text));
    else if (name.endsWith('.list')) sources.push(...parseSourcesList(text));
  }
  return sources;
}
