import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { pythonCataloguer } from './index.js';

// real installed distributions of this machine, read by Python's own importlib.metadata as oracle
const SITE = '/usr/lib/python3/dist-packages';
const hasSite = existsSync(SITE);

function metadataFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((entry) => join(dir, entry))
    .flatMap((path) => {
      if (path.endsWith('.dist-info')) return [join(path, 'METADATA')];
      if (path.endsWith('.egg-info')) return [statSync(path).isDirectory() ? join(path, 'PKG-INFO') : path];
      return [];
    })
    .filter((path) => existsSync(path));
}

describe('python cataloguer', () => {
  it.skipIf(!hasSite)(
    'reads every distribution of the system site-packages as importlib.metadata does',
    async () => {
      const script = `import importlib.metadata as m\nfor d in m.distributions(path=['${SITE}']):\n  print(d.metadata['Name'] + '\\t' + d.version)`;
      const expected = execFileSync('python3', ['-c', script]).toString().trim().split('\n').sort();
      const found: string[] = [];
      for (const path of metadataFiles(SITE)) {
        expect(pythonCataloguer.wants(path)).toBe(true);
        const { packages, warnings } = await pythonCataloguer.parse(path, readFileSync(path), {
          view: memoryView([]),
        });
        expect(warnings).toEqual([]);
        found.push(...packages.map((p) => `${p.name}\t${p.version}`));
      }
      expect(expected.length).toBeGreaterThan(5);
      expect(found.sort()).toEqual(expected);
    },
  );

  it('takes License-Expression, then License, then classifiers', async () => {
    const parse = async (text: string) =>
      (await pythonCataloguer.parse('/x/a.dist-info/METADATA', Buffer.from(text), { view: memoryView([]) }))
        .packages[0];
    const base = 'Metadata-Version: 2.1\nName: Zope_Interface\nVersion: 6.0\n';
    expect(await parse(`${base}License-Expression: MIT\nLicense: BSD\n`)).toMatchObject({
      licenses: ['MIT'],
      purl: 'pkg:pypi/zope-interface@6.0',
      name: 'Zope_Interface',
    });
    expect(
      (
        await parse(
          `${base}License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n\nbody\nLicense: x`,
        )
      )?.licenses,
    ).toEqual(['MIT License']);
  });

  it('wants metadata files only', () => {
    expect(pythonCataloguer.wants('/usr/lib/python3/dist-packages/six-1.16.0.egg-info')).toBe(true);
    expect(pythonCataloguer.wants('/usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD')).toBe(false);
  });
});
