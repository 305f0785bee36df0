/**
 * The main attributes of a `META-INF/MANIFEST.MF` (JAR File Specification, "JAR Manifest"): the
 * section before the first blank line, `Name: value` headers, a value continued on following lines
 * that start with one space (lines are wrapped at 72 bytes). Names compare case-insensitively, so
 * they are kept as first written and looked up through `manifestValue`.
 */
export function parseManifestMain(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (line === '') break; // end of the main section
    if (line.startsWith(' ')) {
      if (last !== undefined) attributes[last] += line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      last = undefined; // not a header: ignore it and anything that continues it
      continue;
    }
    last = line.slice(0, colon).trim();
    attributes[last] = line.slice(colon + 1).replace(/^ /, '');
  }
  for (const key of Object.keys(attributes)) attributes[key] = attributes[key]!.trim();
  return attributes;
}

/** The value of a manifest attribute by case-insensitive name, undefined when absent or empty. */
export function manifestValue(attributes: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(attributes))
    if (key.toLowerCase() === lower && value !== '') return value;
  return undefined;
}
