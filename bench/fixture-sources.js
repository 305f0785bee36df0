// The advisory fixtures every DB benchmark builds from, as (feed, path under the fixtures folder).
import { resolve } from 'node:path';

export const fixtures = resolve(
  process.env.CLEANROOM_FIXTURES ?? resolve(process.cwd(), '..', 'shared', 'fixtures'),
);

export const ADVISORY_SOURCES = [
  ['osv', 'osv/go'],
  ['osv', 'peer/trivy/osv'],
  ['alpine-secdb', 'alpine-secdb'],
  ['wolfi-advisories', 'wolfi-advisories'],
  ['debian-dsa', 'debian-tracker'],
  ['cve5', 'cve5'],
  ['kev', 'kev/known_exploited_vulnerabilities.json'],
  ['epss', 'epss'],
];
