import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAffected } from '../../version/index.js';
import { memoryView } from '../__fixtures__/memory-view.js';
import { composerCataloguer, packagistVersion } from './index.js';

const ctx = { view: memoryView([]) };
const PATH = '/var/www/html/vendor/composer/installed.json';
const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/composer-2.5.5/${name}`, import.meta.url));
const parse = (json: unknown) => composerCataloguer.parse(PATH, Buffer.from(JSON.stringify(json)), ctx);

// Composer 1 wrote a bare array; entries modelled on real ones (Packagist's symfony/console v5.4.0,
// monolog/monolog 2.9.1, guzzlehttp/guzzle 7.5.0, all MIT), trimmed to the fields that matter
const V1 = [
  {
    name: 'symfony/console',
    version: 'v5.4.0',
    version_normalized: '5.4.0.0',
    type: 'library',
    license: ['MIT'],
  },
  {
    name: 'monolog/monolog',
    version: '2.9.1',
    version_normalized: '2.9.1.0',
    type: 'library',
    license: ['MIT'],
  },
  {
    name: 'guzzlehttp/guzzle',
    version: '7.5.0',
    version_normalized: '7.5.0.0',
    type: 'library',
    license: ['MIT'],
  },
];

describe('composer cataloguer', () => {
  // the oracle is Composer itself: `composer licenses` over the vendor folder it installed
  it('lists what Composer 2 says it installed, with its licences, dev and plugin packages included', async () => {
    const oracle = JSON.parse(fixture('licenses.json').toString()) as {
      dependencies: Record<string, { version: string; license: string[] }>;
    };
    const { packages, warnings } = await composerCataloguer.parse(PATH, fixture('installed.json'), ctx);
    expect(warnings).toEqual([]);
    const expected = Object.entries(oracle.dependencies).map(([name, d]) => ({
      name,
      // Composer reports the tag as published (v6.4.1); the inventory drops the tag's `v`
      version: d.version.startsWith('v') ? d.version.slice(1) : d.version,
      licenses: d.license,
    }));
    expect(packages.map((p) => ({ name: p.name, version: p.version, licenses: p.licenses }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(packages).toHaveLength(expected.length);
    const names = packages.map((p) => p.name);
    // the dev package, the metapackage and the plugin are all installed, so all listed
    expect(names).toEqual(
      expect.arrayContaining(['phpunit/phpunit', 'symfony/polyfill-pack', 'composer/installers']),
    );
    for (const p of packages)
      expect(p).toMatchObject({ type: 'composer', foundBy: 'composer', locations: [PATH] });
  });

  it('reads the Composer 1 array and writes purls with the vendor as namespace', async () => {
    const { packages, warnings } = await parse(V1);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.purl, p.licenses])).toEqual([
      ['symfony/console', '5.4.0', 'pkg:composer/symfony/console@5.4.0', ['MIT']],
      ['monolog/monolog', '2.9.1', 'pkg:composer/monolog/monolog@2.9.1', ['MIT']],
      ['guzzlehttp/guzzle', '7.5.0', 'pkg:composer/guzzlehttp/guzzle@7.5.0', ['MIT']],
    ]);
  });

  it('gives versions that fall in the ranges of real Packagist advisories', () => {
    // GHSA-h7vf-5wrv-9fhv (CVE-2022-24894): symfony/http-kernel introduced 2.0.0, fixed 4.4.50
    const ranges = [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '2.0.0' }, { fixed: '4.4.50' }] }];
    const affected = (v: string) => isAffected('generic', v, ranges);
    expect(affected(packagistVersion('v4.4.49'))).toBe(true);
    expect(affected(packagistVersion('v4.4.50'))).toBe(false);
    expect(packagistVersion('dev-main')).toBe('dev-main');
    expect(packagistVersion('1.x-dev')).toBe('1.x-dev');
  });

  it('keeps a package whose optional fields are odd, skips one without a version, and says so', async () => {
    const { packages, warnings } = await parse({
      packages: [
        { name: 'psr/log', version: '3.0.0', license: 'MIT', type: 7 },
        { name: 'psr/container', version: '2.0.2', license: { odd: true } },
        { name: 'no/version' },
        'not an object',
      ],
      'dev-package-names': 'not a list',
    });
    expect(packages.map((p) => [p.name, p.licenses])).toEqual([
      ['psr/log', ['MIT']],
      ['psr/container', []],
    ]);
    expect(warnings).toEqual([{ source: PATH, message: 'skipped 2 package(s) without a name or version' }]);
  });

  it('turns files that are not installed.json into warnings, never a throw', async () => {
    const garbage = await composerCataloguer.parse(PATH, Buffer.from('{"packages": ['), ctx);
    expect(garbage.warnings[0]!.message).toMatch(/^is not JSON: /);
    for (const json of [{}, { packages: {} }, null, 42, 'text']) {
      const result = await parse(json);
      expect(result).toEqual({ packages: [], warnings: [{ source: PATH, message: 'has no packages list' }] });
    }
    expect(await parse([])).toEqual({ packages: [], warnings: [] });
  });

  it('wants only the installer record in a vendor folder', () => {
    expect(composerCataloguer.wants(PATH)).toBe(true);
    expect(composerCataloguer.wants('/app/vendor/composer/installed.php')).toBe(false);
    expect(composerCataloguer.wants('/app/composer.json')).toBe(false);
    expect(composerCataloguer.wants('/app/composer.lock')).toBe(false);
    expect(composerCataloguer.wants('/app/installed.json')).toBe(false);
  });
});
