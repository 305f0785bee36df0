/**
 * Line parser of Debian's DSA.list / DLA.list (security-tracker `data/DSA/list`): a header
 * `[DD Mon YYYY] DSA-1234-1 source - summary`, then `{CVE-… …}`, then `[release] - source version`
 * or `[release] - source <not-affected>` lines; `NOTE:` lines are comments. Pure: lines in, entries out.
 */

/** One release line of an advisory: the fixed version, or a note such as `not-affected`. */
export interface DsaRelease {
  release: string;
  source: string;
  version?: string;
  note?: string;
}

/** One DSA/DLA as listed. */
export interface DsaEntry {
  id: string;
  date: string;
  source?: string;
  summary?: string;
  ids: string[];
  releases: DsaRelease[];
  line: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEADER = /^\[(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\] (D[SL]A-\d+(?:-\d+)?)\s*(.*)$/;
const RELEASE = /^\s+\[([a-z0-9-]+)\]\s+-\s+(\S+)(?:\s+(.*))?$/;

/** Whether a line is an advisory header (also used to detect the format). */
export function isDsaHeader(line: string): boolean {
  return HEADER.test(line);
}

/** A stateful parser: feed it lines, it returns each entry once the next header (or the end) closes it. */
export class DsaListParser {
  private current: DsaEntry | undefined;
  private lineNo = 0;

  /** the finished entry when this line starts a new one; problems go to `warn` */
  push(line: string, warn: (line: number, message: string) => void): DsaEntry | undefined {
    this.lineNo++;
    const header = HEADER.exec(line);
    if (header) {
      const done = this.current;
      const [, day, mon, year, id, rest] = header as unknown as string[];
      const month = MONTHS.indexOf(mon as string) + 1;
      if (month === 0) warn(this.lineNo, `unknown month "${mon}"`);
      const date = `${year}-${String(month).padStart(2, '0')}-${(day as string).padStart(2, '0')}T00:00:00Z`;
      const [source, summary] = splitTitle(rest as string);
      this.current = {
        id: id as string,
        date,
        ids: [],
        releases: [],
        line: this.lineNo,
        ...(source ? { source } : {}),
        ...(summary ? { summary } : {}),
      };
      return done;
    }
    const text = line.trim();
    if (!this.current || text === '' || text.startsWith('NOTE:')) return undefined;
    if (text.startsWith('{')) {
      this.current.ids.push(...text.replace(/[{}]/g, ' ').split(/\s+/).filter(Boolean));
      return undefined;
    }
    const rel = RELEASE.exec(line);
    if (!rel) {
      warn(this.lineNo, `unrecognised line "${text}"`);
      return undefined;
    }
    const [, release, source, rest = ''] = rel as unknown as string[];
    const note = /^<([^>]+)>/.exec(rest.trim());
    this.current.releases.push({
      release: release as string,
      source: source as string,
      ...(note ? { note: note[1] } : rest.trim() ? { version: rest.trim().split(/\s+/)[0] } : {}),
    });
    return undefined;
  }

  /** the last entry, at the end of the input */
  end(): DsaEntry | undefined {
    const done = this.current;
    this.current = undefined;
    return done;
  }
}

/** `pkg - summary` (sometimes `pkg -- summary`, or a title without a package) → [source, summary]. */
function splitTitle(rest: string): [string | undefined, string | undefined] {
  const m = /^(\S+)\s+-+\s*(.*)$/.exec(rest.trim());
  if (m) return [m[1], m[2] || undefined];
  return [undefined, rest.trim() || undefined];
}
