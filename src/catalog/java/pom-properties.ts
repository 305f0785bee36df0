/**
 * A `pom.properties` file as Maven's archiver writes it into `META-INF/maven/GROUP/ARTIFACT/`: a
 * Java properties file (java.util.Properties#load) with `groupId`, `artifactId` and `version`.
 * Read here: `#`/`!` comments, `=`, `:` or white space between key and value, lines continued by a
 * trailing backslash, and the usual escapes (`\t`, `\n`, `\u` with four hex digits, an escaped
 * character itself).
 */
export interface PomProperties {
  groupId: string;
  artifactId: string;
  version: string;
}

/** The coordinates a pom.properties gives, or undefined when one of the three is missing. */
export function parsePomProperties(text: string): PomProperties | undefined {
  const props = parseProperties(text);
  const groupId = props.get('groupId');
  const artifactId = props.get('artifactId');
  const version = props.get('version');
  if (!groupId || !artifactId || !version) return undefined;
  return { groupId, artifactId, version };
}

/** Every key and value of a Java properties text; a repeated key keeps its last value. */
export function parseProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // an odd number of trailing backslashes continues the line
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length)
      line = line.slice(0, -1) + lines[++i]!.replace(/^[ \t\f]+/, '');
    const m = /^((?:\\.|[^=:\s\\])*)\s*[=:]?\s*(.*)$/.exec(line);
    if (m) props.set(unescape(m[1]!), unescape(m[2]!).trim());
  }
  return props;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
    c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c),
  );
}
