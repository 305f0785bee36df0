/**
 * The artifact and version in a Java archive's file name, as Maven names what it builds:
 * `ARTIFACT-VERSION[-CLASSIFIER].jar`. Artifact ids may hold digits and dashes themselves
 * (`log4j-1.2-api-2.17.1`, `geronimo-annotation_1.3_spec-1.3`, Debian's
 * `geronimo-annotation-1.3-spec-1.3`), and versions may hold dashes (`31.1-jre`, `1.0-SNAPSHOT`),
 * so the version starts at the last `-` followed by a dotted number (`-2.17.1`, `-1.3`); a name
 * with no dotted number takes the first `-` followed by a digit (`javax.inject-1`,
 * `foo-1-SNAPSHOT`).
 */
export interface NameParts {
  artifact: string;
  version?: string;
}

const ARCHIVE_EXTENSION = /\.(jar|war|ear|jpi|hpi)$/i;

/** Splits the last path segment of an archive into artifact id and version (if it has one). */
export function splitArchiveName(path: string): NameParts {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(ARCHIVE_EXTENSION, '');
  let dotted = -1;
  let first = -1;
  for (let i = base.indexOf('-'); i >= 0; i = base.indexOf('-', i + 1)) {
    const tail = base.slice(i + 1);
    if (!/^\d/.test(tail)) continue;
    if (first < 0) first = i;
    if (/^\d+\./.test(tail)) dotted = i;
  }
  const at = dotted >= 0 ? dotted : first;
  if (at <= 0) return { artifact: base };
  return { artifact: base.slice(0, at), version: base.slice(at + 1) };
}
