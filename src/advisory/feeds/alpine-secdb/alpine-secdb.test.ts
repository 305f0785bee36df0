import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture } from '../../../../test/fixtures.js';
import { advisoriesOf, readAll } from '../read-all.js';
import { wolfiSecdbFeed } from '../wolfi-secdb/index.js';
import { alpineSecdbFeed } from './index.js';
import { entryFlaws } from './entry-ids.js';

const root = fixture('alpine-secdb');

describe('alpine-secdb feed', () => {
  it('yields, per file, exactly the CVE ids written in its secfixes', { timeout: 30_000 }, async () => {
    const { items, warnings } = await readAll(alpineSecdbFeed, root);
    expect(warnings).toEqual([]);
    for (const branch of await readdir(root)) {
      for (const repo of ['main', 'community']) {
        const file = join(root, branch, `${repo}.yaml`);
        // independent count: every CVE-looking token on a list line of the raw file (typos included)
        const raw = await readFile(file, 'utf8');
        const expected = new Set(
          [...raw.matchAll(/^\s+-\s.*$/gm)].flatMap((l) =>
            [...l[0].matchAll(/CVE[-_ ](\d{4}-\d{4,})/g)].map((m) => `CVE-${m[1]}`),
          ),
        );
        const got = new Set(
          items
            .filter((i) => i.kind === 'advisory' && i.file === file && i.advisory.id.startsWith('CVE-'))
            .map((i) => (i.kind === 'advisory' ? i.advisory.id : '')),
        );
        expect(got, file).toEqual(expected);
        for (const i of items)
          if (i.kind === 'advisory' && i.file === file)
            expect(i.advisory.affected[0]?.ecosystem).toBe(`Alpine:${branch}`);
      }
    }
  });

  it('maps fixed version 0 to not-affected, and a version to a fixed range', async () => {
    const file = fixture('alpine-secdb', 'v3.9', 'main.yaml');
    const doc = parse(await readFile(file, 'utf8')) as {
      packages: { pkg: { name: string; secfixes?: Record<string, string[]> } }[];
    };
    const advisories = advisoriesOf((await readAll(alpineSecdbFeed, file)).items);
    for (const { pkg } of doc.packages.slice(0, 40)) {
      for (const [version, entries] of Object.entries(pkg.secfixes ?? {})) {
        for (const id of entries.flatMap((e) => entryFlaws(e).map((f) => f.id))) {
          const af = advisories
            .find((a) => a.id === id)
            ?.affected.find((x) => x.package === pkg.name && (x.fixedVersion ?? '0') === version);
          expect(af, `${pkg.name} ${version} ${id}`).toBeDefined();
          expect(af?.fixState).toBe(version === '0' ? 'not-affected' : 'fixed');
        }
      }
    }
  });

  it('splits entries holding several ids, and reads the JSON form with a bad package skipped', async () => {
    expect(entryFlaws('CVE-2017-8904 XSA-214')).toEqual([{ id: 'CVE-2017-8904', aliases: ['XSA-214'] }]);
    expect(entryFlaws('CVE-2019-1 CVE-2019-20001').map((f) => f.id)).toEqual(['CVE-2019-20001']);
    expect(entryFlaws('CVE-2019-1000 CVE-2019-20001').map((f) => f.id)).toEqual([
      'CVE-2019-1000',
      'CVE-2019-20001',
    ]);
    expect(entryFlaws('XSA-207')).toEqual([{ id: 'XSA-207', aliases: [] }]);
    const dir = await mkdtemp(join(tmpdir(), 'secdb-'));
    const json = join(dir, 'main.json');
    const doc = {
      apkurl: '{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk',
      archs: ['x86_64'],
      reponame: 'main',
      urlprefix: 'https://dl-cdn.alpinelinux.org/alpine',
      distroversion: 'v3.19',
      packages: [
        { pkg: { name: 'busybox', secfixes: { '1.36.1-r6': ['CVE-2022-48174'] } } },
        { pkg: { secfixes: {} } },
      ],
    };
    await writeFile(json, JSON.stringify(doc));
    const { items, warnings } = await readAll(alpineSecdbFeed, json);
    expect(advisoriesOf(items)[0]?.affected[0]).toMatchObject({
      ecosystem: 'Alpine:v3.19',
      package: 'busybox',
      fixedVersion: '1.36.1-r6',
    });
    expect(warnings.map((w) => w.source)).toEqual([`${json}#packages[1]`]);
  });
});

describe('wolfi-secdb feed', () => {
  const sample = join(import.meta.dirname, '..', 'wolfi-secdb', '__fixtures__', 'security.json');

  it('groups packages per CVE under the Wolfi ecosystem, Chainguard by its URL', async () => {
    const raw = JSON.parse(await readFile(sample, 'utf8')) as {
      packages: { pkg: { secfixes: Record<string, string[]> } }[];
    };
    const ids = new Set(raw.packages.flatMap((p) => Object.values(p.pkg.secfixes).flat()));
    const advisories = advisoriesOf((await readAll(wolfiSecdbFeed, sample)).items);
    expect(new Set(advisories.map((a) => a.id))).toEqual(ids);
    expect(
      advisories
        .find((a) => a.id === 'CVE-2024-11053')
        ?.affected.map((x) => x.package)
        .sort(),
    ).toEqual(['curl', 'libcurl-compat']);
    expect(advisories.find((a) => a.id === 'CVE-2023-45288')?.affected[0]?.fixState).toBe('not-affected');
    const dir = await mkdtemp(join(tmpdir(), 'cg-'));
    const cg = join(dir, 'security.json');
    await writeFile(cg, JSON.stringify({ ...raw, urlprefix: 'https://packages.cgr.dev' }));
    const chainguard = advisoriesOf((await readAll(wolfiSecdbFeed, cg)).items);
    expect(new Set(chainguard.flatMap((a) => a.affected.map((x) => x.ecosystem)))).toEqual(
      new Set(['Chainguard']),
    );
  });
});
