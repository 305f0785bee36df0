/**
 * Python core metadata (packaging.python.org "Core metadata specifications"): RFC 822 style
 * headers, `Name: value`, continuation lines indented, repeatable fields (Classifier), then a blank
 * line and the long description, which is ignored. Used by `*.dist-info/METADATA`,
 * `*.egg-info/PKG-INFO` and single-file `*.egg-info`.
 */
export interface PythonMetadata {
  name: string;
  version: string;
  licenses: string[];
  summary?: string;
  homePage?: string;
}

/** Parses the headers of a core metadata file; a string names why it is not a package. */
export function parseCoreMetadata(text: string): PythonMetadata | string {
  const headers = new Map<string, string[]>();
  let last: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') break; // the body (long description) starts here
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      const values = headers.get(last)!;
      values[values.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, [...(headers.get(last) ?? []), line.slice(colon + 1).trim()]);
  }
  const first = (key: string) => headers.get(key)?.[0] || undefined;
  const name = first('name');
  const version = first('version');
  if (!name || !version) return `has no ${name ? 'Version' : 'Name'} header`;
  return {
    name,
    version,
    licenses: licensesOf(headers),
    summary: first('summary'),
    homePage: first('home-page'),
  };
}

// License-Expression (PEP 639) is authoritative; else a short License field; else the trove
// classifiers' last segment ("License :: OSI Approved :: MIT License" → "MIT License").
function licensesOf(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0];
  if (expression) return [expression];
  const license = headers.get('license')?.[0];
  if (license && license !== 'UNKNOWN' && !license.includes('\n') && license.length <= 100) return [license];
  const fromClassifiers = (headers.get('classifier') ?? [])
    .filter((c) => c.startsWith('License ::'))
    .map((c) => c.split('::').at(-1)!.trim())
    .filter((c) => c !== 'OSI Approved');
  return [...new Set(fromClassifiers)];
}
