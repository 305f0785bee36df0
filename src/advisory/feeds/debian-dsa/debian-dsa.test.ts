import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { advisoriesOf, readAll } from '../read-all.js';
import { debianDsaFeed } from './index.js';

/** Independent count from the raw text: per header line, max(1, CVE ids in its `{…}` lines). */
function expectedCount(text: string): { entries: number; advisories: number } {
  let entries = 0;
  let advisories = 0;
  let cves = -1;
  for (const line of text.split('\n')) {
    if (line.startsWith('[')) {
      if (cves >= 0) advisories += Math.max(1, cves);
      entries++;
      cves = 0;
    } else if (/^\s+\{/.test(line)) cves += (line.match(/CVE-\d+-\d+/g) ?? []).length;
  }
  return { entries, advisories: advisories + Math.max(1, cves) };
}

describe('debian-dsa feed', () => {
  it.each(['DSA.list', 'DLA.list'])(
    'reads every advisory of %s, one per CVE',
    { timeout: 30_000 },
    async (name) => {
      const file = fixture('debian-tracker', name);
      const expected = expectedCount(await readFile(file, 'utf8'));
      const { items, warnings } = await readAll(debianDsaFeed, file);
      expect(warnings).toEqual([]);
      expect(items.length).toBe(expected.advisories);
      const ids = new Set(items.map((i) => (i.kind === 'advisory' ? i.recordId.split('/')[0] : '')));
      expect(ids.size).toBe(expected.entries);
    },
  );

  it('dates the fix with the DSA date, per release', async () => {
    const file = fixture('debian-tracker', 'DSA.list');
    const text = await readFile(file, 'utf8');
    const m =
      /^\[(\d+) (\w+) (\d+)\] (DSA-5378-1) (\S+) .*\n\s+\{(CVE-\S+)[^}]*\}\n\s+\[(\w+)\] - \S+ (\S+)/m.exec(
        text,
      );
    expect(m).not.toBeNull();
    const [, day, mon, year, dsa, pkg, cve, release, version] = m as unknown as string[];
    const a = advisoriesOf((await readAll(debianDsaFeed, file)).items).find(
      (x) => x.id === cve && x.aliases.includes(dsa as string),
    );
    expect(a?.published).toBe(new Date(`${day} ${mon} ${year} UTC`).toISOString().replace('.000', ''));
    expect(release).toBe('bullseye');
    expect(a?.affected[0]).toMatchObject({
      ecosystem: 'Debian:11',
      package: pkg,
      fixState: 'fixed',
      fixedVersion: version,
      fixedAt: a?.published,
    });
  });

  it('maps <not-affected> and <end-of-life> notes, and warns on an unknown release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dsa-'));
    const file = join(dir, 'DSA.list');
    await writeFile(
      file,
      '[01 Feb 2010] DSA-1990-1 demo - several issues\n\t{CVE-2010-0001}\n\t[lenny] - demo <not-affected> (Vulnerable code not present)\n\t[etch] - demo <end-of-life>\n\t[hamm2] - demo 1.0-1\n',
    );
    const { items, warnings } = await readAll(debianDsaFeed, file);
    const a = advisoriesOf(items)[0];
    expect(a?.affected.map((x) => [x.ecosystem, x.fixState])).toEqual([
      ['Debian:5', 'not-affected'],
      ['Debian:4', 'wont-fix'],
    ]);
    expect(warnings[0]?.source).toBe(`${file}#DSA-1990-1`);
  });
});
