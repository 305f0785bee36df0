/**
 * Debian control-file stanzas (deb-control(5), as in `/var/lib/dpkg/status`): `Field: value`
 * lines, continuation lines start with a space or tab, stanzas are separated by blank lines. Field
 * names are case-insensitive, so they are keyed lowercased.
 */
export interface Stanza {
  fields: Map<string, string>;
  /** 1-based line of the stanza's first field */
  line: number;
}

/** Splits control-file text into stanzas; lines that are not fields are reported, not thrown. */
export function parseControlStanzas(text: string): { stanzas: Stanza[]; problems: string[] } {
  const stanzas: Stanza[] = [];
  const problems: string[] = [];
  let current: Stanza | undefined;
  let lastKey: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current) stanzas.push(current);
      current = undefined;
      lastKey = undefined;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (current && lastKey) current.fields.set(lastKey, `${current.fields.get(lastKey)}\n${line.slice(1)}`);
      else problems.push(`line ${i + 1} continues no field`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${i + 1} is not a "Field: value" line`);
      continue;
    }
    current ??= { fields: new Map(), line: i + 1 };
    lastKey = line.slice(0, colon).trim().toLowerCase();
    current.fields.set(lastKey, line.slice(colon + 1).trim());
  }
  if (current) stanzas.push(current);
  return { stanzas, problems };
}
