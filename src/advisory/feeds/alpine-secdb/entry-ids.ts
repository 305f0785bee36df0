/**
 * The vulnerability ids of one secfixes entry. Entries are free text written by hand: usually one
 * CVE, but also "CVE-2017-8904 XSA-214" (one flaw, two names), "XSA-207" alone, typos such as
 * "CVE_2019-2426" or "CVE 2018-16859", suffixes ("CVE-2017-17434-1", "CVE-2017-8073.patch") and
 * notes in parentheses. See https://wiki.alpinelinux.org/wiki/Security_fixes_in_Alpine (secfixes).
 */

const CVE = /CVE[-_ ](\d{4}-\d{4,})/g;
// other ids (XSA-214, TALOS-2017-0499, GHSA-…, wnpa-sec-2017-18): dashed words holding a digit
const OTHER = /\b(?!CVE)(?=[\w-]*\d)([A-Za-z][A-Za-z0-9]+-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\b/gi;

/** One flaw named in an entry: its primary id (the CVE where there is one) and its other names. */
export interface EntryFlaw {
  id: string;
  aliases: string[];
}

/**
 * The flaws of an entry: one per CVE on the line, each with the line's non-CVE ids as aliases;
 * a line without a CVE names one flaw by its first id. Empty when the line names no id at all.
 */
export function entryFlaws(entry: string): EntryFlaw[] {
  const cves = [...new Set([...entry.matchAll(CVE)].map((m) => `CVE-${m[1]}`))];
  const others = [...new Set([...entry.matchAll(OTHER)].map((m) => m[1] as string))];
  if (cves.length > 0) return cves.map((id) => ({ id, aliases: others }));
  const [first, ...rest] = others;
  return first ? [{ id: first, aliases: rest }] : [];
}
