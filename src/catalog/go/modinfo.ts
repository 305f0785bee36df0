/**
 * The module lines of Go build information (as `go version -m` prints them, and as
 * runtime/debug.BuildInfo.String writes them): tab-separated `path`, `mod`, `dep`, `=>` (the
 * replacement of the module on the line before) and `build KEY=VALUE` lines.
 */

export interface GoModule {
  path: string;
  /** `v1.2.3`, a pseudo-version, or `(devel)` for the main module and local replacements */
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface GoModInfo {
  /** the main package's import path */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  settings: Map<string, string>;
}

/** Parses the module text; lines it does not know are skipped, as the Go toolchain does. */
export function parseModInfo(text: string): GoModInfo {
  const info: GoModInfo = { deps: [], settings: new Map() };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, ...fields] = line.split('\t');
    const module = (): GoModule | undefined =>
      fields[0] && fields[1]
        ? { path: fields[0], version: fields[1], sum: fields[2] || undefined }
        : undefined;
    if (kind === 'path') info.path = fields[0];
    else if (kind === 'mod') last = info.main = module();
    else if (kind === 'dep') {
      last = module();
      if (last) info.deps.push(last);
    } else if (kind === '=>' && last) {
      // a local directory has a path and no version
      const [path, version, sum] = fields;
      if (path) last.replace = { path, version: version || '(devel)', sum: sum || undefined };
    } else if (kind === 'build') {
      const setting = fields.join('\t');
      const eq = setting.indexOf('=');
      if (eq > 0) info.settings.set(setting.slice(0, eq), unquote(setting.slice(eq + 1)));
    }
  }
  return info;
}

// the toolchain quotes a value holding spaces, tabs or quotes (-ldflags="-s -w") as a Go string
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value;
  }
}
