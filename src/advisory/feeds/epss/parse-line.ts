/**
 * One line of an EPSS CSV. Two layouts exist: FIRST's official daily file
 * (https://epss.empiricalsecurity.com/epss_scores-current.csv.gz: `#model_version:…,score_date:…`,
 * then `cve,epss,percentile`) and semicolon-separated per-year mirrors (`CVE;epss;percentile`).
 */

/** What a line holds: a score, the date the scores are for, nothing (header, blank), or junk. */
export type EpssLine =
  | { kind: 'score'; cve: string; epss: number; percentile: number }
  | { kind: 'date'; date: string }
  | { kind: 'skip' }
  | { kind: 'bad'; reason: string };

const SCORE = /^(CVE-\d{4}-\d{4,})[;,]([0-9.eE+-]+)[;,]([0-9.eE+-]+)\s*$/;

/** The meaning of one line (pure). */
export function parseEpssLine(line: string): EpssLine {
  const text = line.trim();
  if (text === '' || /^cve[;,]epss[;,]percentile$/i.test(text)) return { kind: 'skip' };
  if (text.startsWith('#')) {
    const date = /score_date:\s*([0-9T:+\-.Z]+)/.exec(text);
    return date ? { kind: 'date', date: date[1] as string } : { kind: 'skip' };
  }
  const m = SCORE.exec(text);
  if (!m) return { kind: 'bad', reason: 'not a "CVE;epss;percentile" line' };
  const epss = Number(m[2]);
  const percentile = Number(m[3]);
  if (!(epss >= 0 && epss <= 1 && percentile >= 0 && percentile <= 1))
    return { kind: 'bad', reason: 'score outside 0..1' };
  return { kind: 'score', cve: m[1] as string, epss, percentile };
}
