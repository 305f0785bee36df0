/**
 * The apk installed database (`/lib/apk/db/installed`): one stanza per package separated by blank
 * lines, each line `X:value` with a one-letter field key (apk-tools' "apk v2 index format": P name,
 * V version, A arch, o origin, L license, m maintainer, c commit, I installed size, F folder and R
 * file in it). Fields we do not use are skipped.
 */
export interface ApkRecord {
  name: string;
  version: string;
  arch?: string;
  origin?: string;
  license?: string;
  maintainer?: string;
  commit?: string;
  installedSize?: number;
  /** files the package owns, absolute */
  files: string[];
  /** 1-based line number of the stanza, for warnings */
  line: number;
}

/** Parses the text of an apk installed database into records plus the problems met. Pure. */
export function parseApkInstalled(text: string): { records: ApkRecord[]; problems: string[] } {
  const records: ApkRecord[] = [];
  const problems: string[] = [];
  let fields = new Map<string, string>();
  let files: string[] = [];
  let folder = '';
  let start = 1;
  const flush = () => {
    if (fields.size > 0 || files.length > 0) {
      const name = fields.get('P');
      const version = fields.get('V');
      if (name && version) records.push(toRecord(fields, name, version, files, start));
      else problems.push(`the stanza at line ${start} has no ${name ? 'V: version' : 'P: name'}`);
    }
    fields = new Map();
    files = [];
    folder = '';
  };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') {
      flush();
      start = i + 2;
      return;
    }
    if (line[1] !== ':') {
      problems.push(`line ${i + 1} is not a "X:value" field`);
      return;
    }
    const key = line[0]!;
    const value = line.slice(2);
    if (key === 'F') folder = value;
    else if (key === 'R') files.push(`/${folder ? `${folder}/` : ''}${value}`);
    else if (!fields.has(key)) fields.set(key, value);
  });
  flush();
  return { records, problems };
}

function toRecord(
  fields: Map<string, string>,
  name: string,
  version: string,
  files: string[],
  line: number,
): ApkRecord {
  const size = Number(fields.get('I'));
  return {
    name,
    version,
    arch: fields.get('A'),
    origin: fields.get('o'),
    license: fields.get('L'),
    maintainer: fields.get('m'),
    commit: fields.get('c'),
    installedSize: Number.isFinite(size) && fields.has('I') ? size : undefined,
    files,
    line,
  };
}
