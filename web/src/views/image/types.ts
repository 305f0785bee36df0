/** What the image page reads from the API (docs/api.md), as far as its tabs use it. */
import type { BySeverity, DbInfo, TagSummary } from '../../api';

export interface Vuln {
  id: string;
  severity: string;
  fixState: string;
  package: { name: string; version: string };
  fixedVersion: string | null;
  kev: boolean | null;
  epss: number | null;
  cvss: number | null;
  published: string | null;
  firstSeen: string | null;
}
export interface Vulns {
  day: string;
  kind: 'observed' | 'replayed';
  digest: string;
  scanner: { name: string; version: string };
  db: DbInfo;
  total: number;
  bySeverity: BySeverity;
  vulnerabilities: Vuln[];
}
export interface Pkgs {
  digest: string;
  distro: { prettyName?: string; id: string } | null;
  packages: { name: string; version: string; type: string; purl?: string }[];
}
export interface Tags {
  image: string;
  registry: string;
  tags: (TagSummary & { firstSeen: string; created: string | null })[];
}
