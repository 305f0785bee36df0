/**
 * The os-release file format (freedesktop.org os-release(5)): `KEY=value` lines, `#` comments,
 * values optionally in double or single quotes; inside double quotes a backslash escapes `"`, `\`,
 * `$` and a backquote. Invalid lines are skipped, as the spec tells readers to do.
 */

/** Parses an os-release style file into its variables. */
export function parseOsRelease(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    const value = unquote(line.slice(eq + 1).trim());
    if (value !== undefined) vars.set(key, value);
  }
  return vars;
}

function unquote(raw: string): string | undefined {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") return raw;
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === quote) return out;
    if (quote === '"' && ch === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1]!)) {
      out += raw[++i];
    } else out += ch;
  }
  return undefined; // unterminated quote: an invalid line
}
