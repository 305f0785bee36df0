/**
 * Replay (`scan --as-of`): an image's inventory matched against the advisories as known on a day.
 * Ground truth is a real Wolfi advisory with dated events, read from the raw YAML in the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scan } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

interface Event {
  timestamp: string;
  type: string;
  data?: { 'fixed-version'?: string };
}
const file = fixture('wolfi-advisories/aactl.advisories.yaml');
const doc = parse(readFileSync(file, 'utf8')) as {
  advisories: { id: string; aliases: string[]; events: Event[] }[];
};
const advisory = doc.advisories.find((a) => a.id === 'CGA-5pmw-24cc-r4v9')!;
const cve = advisory.aliases.find((a) => a.startsWith('CVE-'))!;
const detected = new Date(advisory.events[0]!.timestamp);
const fixEvent = advisory.events.find((e) => e.type === 'fixed')!;
const fixedAt = new Date(fixEvent.timestamp);
const fixedVersion = fixEvent.data!['fixed-version']!;
// the release just before the fix: 0.4.12-r7 → 0.4.12-r6
const installed = fixedVersion.replace(/-r(\d+)$/, (_, r: string) => `-r${Number(r) - 1}`);
const day = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString();

let db: string;
let sbom: string;
beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: file }]);
  sbom = join(tmp.dir, 'wolfi.cdx.json');
  writeFileSync(
    sbom,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { type: 'container', name: 'cgr.dev/example/aactl' } },
      components: [
        { type: 'operating-system', name: 'wolfi', version: '20230201' },
        {
          type: 'library',
          name: 'aactl',
          version: installed,
          purl: `pkg:apk/wolfi/aactl@${installed}?arch=x86_64&distro=wolfi-20230201`,
        },
      ],
    }),
  );
});

const finding = async (asOf?: string) =>
  (await scan(sbom, { db, asOf })).findings.find((f) => f.vulnerability === cve);

describe(`replay of ${advisory.id} (${cve}) on aactl ${installed}`, () => {
  it('is unknown before the advisory was first recorded', async () => {
    expect(await finding(day(detected, -1))).toBeUndefined();
  });
  it('is affected with no fix between detection and the fixed event', async () => {
    const f = await finding(
      day(detected, 1) < fixedAt.toISOString() ? day(detected, 1) : detected.toISOString(),
    );
    expect(f).toMatchObject({ fixState: 'not-fixed' });
  });
  it('is fixed, with the version and date of the event, once the fix was published', async () => {
    expect(await finding(day(fixedAt, 1))).toMatchObject({
      fixState: 'fixed',
      fixedVersion,
      fixedAt: fixedAt.toISOString(),
    });
    expect(await finding()).toMatchObject({ fixState: 'fixed', fixedVersion });
  });
});
