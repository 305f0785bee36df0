/**
 * The installed form of a gem's specification: RubyGems writes `specifications/NAME-VERSION.gemspec`
 * as Ruby source in a fixed shape (`s.name = "rake".freeze`, `s.version = "13.0.6"`,
 * `s.licenses = ["MIT".freeze]`). Only those assignments are read, as data: the file is never
 * evaluated, so a hostile spec can do nothing.
 */

export interface GemSpec {
  name: string;
  version: string;
  licenses: string[];
  homepage?: string;
  summary?: string;
}

// one assignment to the spec object: `s.key = value`, the receiver named as the block's argument
const ASSIGNMENT = /^\s*(\w+)\.(name|version|licenses|license|homepage|summary)\s*=\s*(.+?)\s*$/;
// a Ruby string literal, double or single quoted, with its escapes
const STRING = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g;

/** The name, version and licences of an installed gemspec, or a sentence saying what is missing. */
export function parseGemSpec(text: string): GemSpec | string {
  const values = new Map<string, string[]>();
  let receiver: string | undefined;
  for (const line of text.split('\n')) {
    const block = /Gem::Specification\.new\s+do\s+\|\s*(\w+)\s*\|/.exec(line);
    if (block) receiver = block[1];
    const m = ASSIGNMENT.exec(line);
    if (!m || (receiver && m[1] !== receiver) || values.has(m[2]!)) continue;
    values.set(m[2]!, strings(m[3]!));
  }
  const name = values.get('name')?.[0];
  const version = values.get('version')?.[0];
  if (!name || !version) return 'has no name or version assignment';
  const summary = values.get('summary')?.[0];
  const homepage = values.get('homepage')?.[0];
  return {
    name,
    version,
    licenses: [...(values.get('licenses') ?? []), ...(values.get('license') ?? [])],
    ...(homepage ? { homepage } : {}),
    ...(summary ? { summary } : {}),
  };
}

// the string literals of a right-hand side: "x".freeze, ["a".freeze, "b"], Gem::Version.new("1.0")
function strings(expression: string): string[] {
  return [...expression.matchAll(STRING)].map((m) => unescape(m[1] ?? m[2] ?? ''));
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}
