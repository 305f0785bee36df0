/** Where a person reads about a vulnerability: the database that owns its id. */

const HOMES: [RegExp, (id: string) => string][] = [
  [/^CVE-\d{4}-\d+$/i, (id) => `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`],
  [/^GHSA-/i, (id) => `https://github.com/advisories/${id}`],
  [/^GO-\d{4}-\d+$/, (id) => `https://pkg.go.dev/vuln/${id}`],
  [/^DSA-|^DLA-/, (id) => `https://security-tracker.debian.org/tracker/${id}`],
];

/** A URL about the vulnerability: NVD for CVEs, GitHub for GHSAs, else its OSV page. */
export function vulnerabilityUrl(id: string): string {
  for (const [pattern, url] of HOMES) if (pattern.test(id)) return url(id);
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/** The name of the database an id belongs to, for CycloneDX `source.name`. */
export function vulnerabilitySourceName(id: string): string {
  if (/^CVE-/i.test(id)) return 'NVD';
  if (/^GHSA-/i.test(id)) return 'GitHub Advisory Database';
  if (/^GO-/.test(id)) return 'Go Vulnerability Database';
  if (/^DSA-|^DLA-/.test(id)) return 'Debian Security Tracker';
  return 'OSV';
}
