import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { advisoriesOf, readAll } from '../read-all.js';
import { osvFeed } from './index.js';

async function rawRecords(
  dir: string,
): Promise<Map<string, { id: string; aliases?: string[]; withdrawn?: string }>> {
  const out = new Map();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
    const r = JSON.parse(await readFile(join(dir, name), 'utf8'));
    out.set(r.id, r);
  }
  return out;
}

describe('osv feed', () => {
  it(
    'reads every Go vulndb record, keeping ids, aliases (GHSA) and withdrawn dates',
    { timeout: 30_000 },
    async () => {
      const raw = await rawRecords(fixture('osv', 'go'));
      const { items, warnings } = await readAll(osvFeed, fixture('osv', 'go'));
      const advisories = advisoriesOf(items);
      expect(warnings).toEqual([]);
      expect(advisories.length).toBe(raw.size);
      for (const a of advisories) {
        const r = raw.get(a.id);
        expect(r, a.id).toBeDefined();
        for (const alias of r?.aliases ?? []) expect(a.aliases).toContain(alias);
        expect(a.withdrawn).toBe(r?.withdrawn);
        for (const af of a.affected) expect(af.ecosystem).toBe('Go');
      }
    },
  );

  it('reads converted Alpine records with CVSS scores, and the same records from an all.zip', async () => {
    const dir = fixture('peer', 'trivy', 'osv');
    const one = advisoriesOf((await readAll(osvFeed, dir)).items).find((a) => a.id === 'CVE-2019-1549');
    const openssl = one?.affected.find((af) => af.ecosystem === 'Alpine:v3.9');
    expect(openssl).toMatchObject({ package: 'openssl', fixState: 'fixed', fixedVersion: '1.1.1d-r0' });
    // NVD publishes 5.3 (v3.1) and 5.0 (v2) for CVE-2019-1549
    expect(one?.severities.map((s) => [s.score, s.level])).toEqual([
      [5.3, 'medium'],
      [5, 'medium'],
    ]);
    const tmp = await mkdtemp(join(tmpdir(), 'osv-zip-'));
    const zip = join(tmp, 'all.zip');
    execFileSync('zip', ['-q', '-j', zip, ...(await readdir(dir)).map((n) => join(dir, n))]);
    const fromZip = advisoriesOf((await readAll(osvFeed, zip)).items);
    expect(fromZip.map((a) => a.id).sort()).toEqual([...(await rawRecords(dir)).keys()].sort());
  });

  it('reads YAML records and skips a malformed record with a warning naming file and record', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'osv-bad-'));
    const good = await readFile(fixture('osv', 'go', 'GO-2020-0001.json'), 'utf8');
    await writeFile(join(tmp, 'good.json'), good);
    await writeFile(
      join(tmp, 'bad.json'),
      JSON.stringify({ id: 'GO-BROKEN-1', modified: '2024-01-01T00:00:00Z', affected: 'x' }),
    );
    await writeFile(
      join(tmp, 'rec.yaml'),
      'id: PYSEC-2024-1\nmodified: 2024-01-02T00:00:00Z\naliases: [CVE-2024-1]\naffected:\n  - package: {ecosystem: PyPI, name: demo}\n    ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}]}]\n    database_specific: {severity: MODERATE}\n',
    );
    const { items, warnings } = await readAll(osvFeed, tmp);
    expect(
      advisoriesOf(items)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['GO-2020-0001', 'PYSEC-2024-1']);
    const yamlOne = advisoriesOf(items).find((a) => a.id === 'PYSEC-2024-1');
    expect(yamlOne?.affected[0]).toMatchObject({
      ecosystem: 'PyPI',
      fixState: 'not-fixed',
      severity: { level: 'medium' },
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.source).toContain('bad.json#GO-BROKEN-1');
  });
});
