import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cycloneDxValidator,
  describeErrors,
  spdxValidator,
} from '../src/report/sbom/__fixtures__/schema-validators.js';
import { sbomDocumentSchema } from '../src/report/sbom/json-schema.js';
import { fixture } from './fixtures.js';
import { expectedImages } from './sbom-expected.js';
import { runCli } from './sbom-helpers.js';

// `cleanroom sbom` of each fixture image in each format, run as a user runs it (needs `npm run build`).
describe.each(expectedImages())('cleanroom sbom $file', (expected) => {
  const image = fixture('images', expected.file);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cleanroom-sbom-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const byName = (rows: [string, string, string][]) => [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1));

  it('json: every expected package with version and source, the distro, and the layer', async () => {
    const run = await runCli(['sbom', image, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = sbomDocumentSchema.parse(JSON.parse(run.stdout));
    expect(doc.distro).toMatchObject(expected.distro);
    const rows = doc.packages.map(
      (p) => [p.name, p.version, p.source?.name ?? ''] as [string, string, string],
    );
    expect(byName(rows)).toEqual(byName(expected.packages));
    expect(doc.target.layers).toHaveLength(expected.layers);
    for (const p of doc.packages) expect(p.layer).toBe(doc.target.layers[0]!.diffId);
  });

  it('table: a summary line, then one row per package, plain when piped', async () => {
    const run = await runCli(['sbom', image]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain(
      `${expected.distro.id} ${expected.distro.versionId}, ${expected.packages.length} packages`,
    );
    expect(lines[1]).toMatch(/^NAME +VERSION +TYPE +SOURCE +LAYER$/);
    expect(lines.slice(2).map((l) => l.split(/ +/).slice(0, 2))).toEqual(
      byName(expected.packages).map(([n, v]) => [n, v]),
    );
    expect(run.stdout).not.toContain(String.fromCharCode(27));
  });

  it('cyclonedx-json: valid CycloneDX 1.6 naming every package, written with --output', async () => {
    const out = join(dir, 'sbom.cdx.json');
    const run = await runCli(['sbom', image, '--format', 'cyclonedx-json', '--output', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const bom = JSON.parse(await readFile(out, 'utf8')) as { components: { type: string; name: string }[] };
    const validate = cycloneDxValidator();
    expect(describeErrors(validate(bom) ? [] : validate.errors)).toEqual([]);
    const names = bom.components.filter((c) => c.type === 'library').map((c) => c.name);
    expect(names.sort()).toEqual(expected.packages.map(([n]) => n).sort());
    expect(await readdir(dir)).toEqual(['sbom.cdx.json']);
  });

  it('spdx-json: valid SPDX 2.3 naming every package', async () => {
    const run = await runCli(['sbom', image, '--format', 'spdx-json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { packages: { name: string; primaryPackagePurpose?: string }[] };
    const validate = spdxValidator();
    expect(describeErrors(validate(doc) ? [] : validate.errors)).toEqual([]);
    const names = doc.packages.filter((p) => p.primaryPackagePurpose === 'LIBRARY').map((p) => p.name);
    expect(names.sort()).toEqual(expected.packages.map(([n]) => n).sort());
  });
});

describe('cleanroom demo', () => {
  it('demo --scan prints the inventory of the bundled example image and its findings, offline', async () => {
    const run = await runCli(['demo', '--scan']);
    expect(run.code).toBe(0);
    const alpine = expectedImages()[0]!;
    for (const [name, version] of alpine.packages)
      expect(run.stdout).toMatch(new RegExp(`^${name} +${version} `, 'm'));
    expect(run.stdout).toContain('alpine 3.9.4, 14 packages');
    // the findings section: the bundled secdb fixes CVE-2019-14697 in musl 1.1.20-r5 (see test/scan-alpine)
    expect(run.stdout).toMatch(/^CVE-2019-14697 +critical +musl +1\.1\.20-r4 +1\.1\.20-r5 +fixed/m);
    expect(run.stdout).toMatch(/^5 vulnerabilities: 1 critical, 2 medium, 2 unknown/m);
  });
});
