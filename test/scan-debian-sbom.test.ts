import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { parsePurl, upstreamOf } from '../src/sbom-input/purl.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

/** Every `[stretch] - SOURCE VERSION` fix of the DSA/DLA lists, with the ids it fixes. */
function stretchFixes(): { source: string; version: string; ids: string[] }[] {
  const fixes: { source: string; version: string; ids: string[] }[] = [];
  for (const list of ['DSA.list', 'DLA.list']) {
    let advisory = '';
    let cves: string[] = [];
    for (const line of readFileSync(fixture('debian-tracker', list), 'utf8').split('\n')) {
      const head = /^\[[^\]]+\] (D[SL]A-\S+)/.exec(line);
      if (head) [advisory, cves] = [head[1]!, []];
      const ids = /^\s+\{(.*)\}/.exec(line);
      if (ids) cves = ids[1]!.split(/\s+/).filter(Boolean);
      const fix = /^\s+\[stretch\] - (\S+) ([^<\s]\S*)/.exec(line);
      if (fix) fixes.push({ source: fix[1]!, version: fix[2]!, ids: cves.length ? cves : [advisory] });
    }
  }
  return fixes;
}

/** Installed packages of the SBOM: name, source, source version (purl `upstream`, else the package). */
function sbomPackages(): { name: string; source: string; version: string }[] {
  const xml = readFileSync(fixture('sbom/postgres-11.15-stretch.syft.cdx.xml'), 'utf8');
  const purls = [...xml.matchAll(/<purl>(pkg:deb\/[^<]+)<\/purl>/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );
  return purls.map((p) => {
    const purl = parsePurl(p)!;
    const up = upstreamOf(purl);
    return { name: purl.name, source: up?.name ?? purl.name, version: up?.version ?? purl.version! };
  });
}

/** dpkg's own answer to "a < b" for many pairs at once (one shell, not one process per pair). */
function dpkgLessThan(pairs: [string, string][]): boolean[] {
  const script = pairs
    .map(([a, b]) => `dpkg --compare-versions '${a}' lt '${b}' && echo 1 || echo 0`)
    .join('\n');
  const out = spawnSync('sh', ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return out.stdout
    .trim()
    .split('\n')
    .map((l) => l === '1');
}

describe('scan of a Syft CycloneDX XML SBOM (postgres:11.15-stretch) against the DSA/DLA lists', () => {
  it('finds every package whose source has a [stretch] fix above its installed version, and nothing else', async () => {
    const fixes = stretchFixes();
    const packages = sbomPackages();
    const pairs: { pkg: string; ids: string[]; versions: [string, string] }[] = [];
    for (const p of packages) {
      for (const f of fixes.filter((f) => f.source === p.source))
        pairs.push({ pkg: p.name, ids: f.ids, versions: [p.version, f.version] });
    }
    const below = dpkgLessThan(pairs.map((p) => p.versions));
    const expected = new Set<string>();
    pairs.forEach((p, i) => below[i] && p.ids.forEach((id) => expected.add(`${p.pkg} ${id}`)));

    const db = await buildDb(tmp.dir, [{ feed: 'debian-dsa', path: fixture('debian-tracker') }], 'dsa.db');
    const result = await scan(fixture('sbom/postgres-11.15-stretch.syft.cdx.xml'), {
      db,
      rules: { countBy: 'package' },
    });
    expect(result.inventory.distro).toMatchObject({ id: 'debian', versionId: '9' });
    const found = new Set(result.findings.map((f) => `${f.package.name} ${f.vulnerability}`));
    expect(expected.size).toBeGreaterThan(0);
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it('counts advisories that name no CVE under their own id, and leaves them out with cveOnly', async () => {
    const db = join(tmp.dir, 'dsa.db');
    const sbom = fixture('sbom/postgres-11.15-stretch.syft.cdx.xml');
    const all = await scan(sbom, { db });
    const nonCve = [
      ...new Set(all.findings.map((f) => f.vulnerability).filter((id) => !id.startsWith('CVE-'))),
    ];
    // e.g. the DLAs that ship new time zone data for tzdata
    expect(nonCve.length).toBeGreaterThan(0);
    expect(all.findings.some((f) => f.package.name === 'tzdata' && !f.vulnerability.startsWith('CVE-'))).toBe(
      true,
    );
    const cves = await scan(sbom, { db, rules: { cveOnly: true } });
    expect(cves.findings.every((f) => f.vulnerability.startsWith('CVE-'))).toBe(true);
    expect(cves.summary.total).toBe(all.summary.total - nonCve.length);
  });
});
