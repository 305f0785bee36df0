import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { npmCataloguer } from './index.js';

const ctx = { view: memoryView([]) };

describe('npm cataloguer', () => {
  // real installed packages: this project's node_modules, checked against package-lock.json
  it("reads this project's installed node_modules as package-lock.json records them", async () => {
    const lock = JSON.parse(readFileSync(resolve('package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; license?: string; link?: boolean }>;
    };
    const entries = Object.entries(lock.packages).filter(
      ([path, entry]) =>
        path.startsWith('node_modules/') && !entry.link && existsSync(resolve(path, 'package.json')),
    );
    expect(entries.length).toBeGreaterThan(100);
    for (const [path, entry] of entries) {
      const file = `/app/${path}/package.json`;
      expect(npmCataloguer.wants(file)).toBe(true);
      const { packages } = await npmCataloguer.parse(file, readFileSync(resolve(path, 'package.json')), ctx);
      expect(packages[0]?.version, path).toBe(entry.version);
      expect(path.endsWith(`node_modules/${packages[0]!.name}`)).toBe(true);
      if (entry.license) expect(packages[0]!.licenses).toContain(entry.license);
    }
  });

  it('writes scoped purls and reads legacy licence forms', async () => {
    const json = { name: '@scope/name', version: '1.0.0', licenses: [{ type: 'MIT' }, 'ISC'], private: true };
    const { packages } = await npmCataloguer.parse(
      '/a/node_modules/@scope/name/package.json',
      Buffer.from(JSON.stringify(json)),
      ctx,
    );
    expect(packages[0]).toMatchObject({
      purl: 'pkg:npm/%40scope/name@1.0.0',
      licenses: ['MIT', 'ISC'],
      metadata: { private: true },
    });
  });

  it('wants only package manifests directly inside node_modules', () => {
    expect(npmCataloguer.wants('/app/package.json')).toBe(false);
    expect(npmCataloguer.wants('/app/node_modules/a/lib/package.json')).toBe(false);
    expect(npmCataloguer.wants('/app/node_modules/a/node_modules/b/package.json')).toBe(true);
  });

  it('warns on a manifest without a version', async () => {
    const result = await npmCataloguer.parse(
      '/a/node_modules/x/package.json',
      Buffer.from('{"name":"x"}'),
      ctx,
    );
    expect(result.packages).toEqual([]);
    expect(result.warnings).toHaveLength(1);
  });
});
