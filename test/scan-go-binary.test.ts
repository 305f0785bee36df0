/**
 * A distroless-style image that holds only Go programs: the inventory is what their build
 * information says, and the findings are exactly the Go vulnerability database records (the OSV
 * fixture of golang/vulndb) whose ranges hold each module's version, evaluated here on their own.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTar, writeLayout } from '../src/image/__fixtures__/build-layout.js';
import { buildGoProgram } from '../src/catalog/go/__fixtures__/build-go-program.js';
import { inventoryOf, scan } from '../src/scan.js';
import { esbuildBinary } from './esbuild-binary.js';
import { fixture } from './fixtures.js';
import { buildDb } from './scan-helpers.js';

const ESBUILD = esbuildBinary();

let work: string;
let image: string;
let diffId: string;
let db: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-go-image-'));
  const program = buildGoProgram(join(work, 'src'));
  const layer = await makeTar([
    { name: 'usr/local/bin/app', content: readFileSync(program), mode: 0o755 },
    { name: 'usr/bin/esbuild', content: readFileSync(ESBUILD), mode: 0o755 },
    { name: 'usr/bin/hello.sh', content: '#!/bin/sh\necho hello\n', mode: 0o755 },
  ]);
  image = join(work, 'layout');
  diffId = (await writeLayout(image, { layers: [layer] })).diffIds[0]!;
  db = await buildDb(work, [{ feed: 'osv', path: fixture('osv', 'go') }]);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface OsvRecord {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: {
    package: { name: string; ecosystem: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
  }[];
}

// semver without the v, as the Go vulnerability database writes it: numbers, then a pre-release
// (a pseudo-version's timestamp) that sorts before the release
function compare(a: string, b: string): number {
  const [an, ap] = [a.split('-')[0]!, a.slice(a.indexOf('-') + 1)];
  const [bn, bp] = [b.split('-')[0]!, b.slice(b.indexOf('-') + 1)];
  const x = an.split('.').map(Number);
  const y = bn.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  const aPre = a.includes('-') ? ap : undefined;
  const bPre = b.includes('-') ? bp : undefined;
  if (aPre === bPre) return 0;
  if (aPre === undefined) return 1;
  if (bPre === undefined) return -1;
  return aPre < bPre ? -1 : 1;
}

function affects(events: Record<string, string>[], version: string): boolean {
  let inside = false;
  for (const e of events) {
    if (e.introduced !== undefined && (e.introduced === '0' || compare(version, e.introduced) >= 0))
      inside = true;
    if (e.fixed !== undefined && compare(version, e.fixed) >= 0) inside = false;
  }
  return inside;
}

function expectedFindings(packages: { name: string; version: string }[]): string[] {
  const out = new Set<string>();
  const dir = fixture('osv', 'go');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as OsvRecord;
    if (record.withdrawn) continue;
    const id = record.aliases?.find((a) => a.startsWith('CVE-')) ?? record.id;
    for (const a of record.affected ?? [])
      for (const p of packages)
        if (
          a.package.ecosystem === 'Go' &&
          a.package.name === p.name &&
          p.version.startsWith('v') &&
          (a.ranges ?? []).some((r) => r.type === 'SEMVER' && affects(r.events, p.version.slice(1)))
        )
          out.add(`${p.name}@${p.version} ${id}`);
  }
  return [...out].sort();
}

describe('an image of Go programs', () => {
  it('lists the modules and the standard library of each program, in the layer that added it', async () => {
    const inventory = await inventoryOf(`oci-dir:${image}`);
    const listed = inventory.packages.map((p) => `${p.name}@${p.version}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'example.com/app@(devel)',
        'example.com/lib@(devel)',
        'example.com/new@v1.1.0',
        'example.com/plain@v0.3.1',
        'github.com/evanw/esbuild@(devel)',
        'stdlib@v1.19.8',
      ]),
    );
    expect(inventory.packages.every((p) => p.type === 'golang' && p.layer === diffId)).toBe(true);
    const stdlib = inventory.packages.find((p) => p.version === 'v1.19.8');
    expect(stdlib?.locations).toEqual(['/usr/local/bin/app']);
    expect(inventory.warnings).toEqual([]);
  });

  it('finds exactly the Go vulnerability database records that hold those versions', async () => {
    const result = await scan(`oci-dir:${image}`, { db });
    const inventory = await inventoryOf(`oci-dir:${image}`);
    const expected = expectedFindings(inventory.packages);
    // the toolchain that built the program here is old enough to have known flaws in stdlib
    expect(expected.filter((f) => f.startsWith('stdlib@v1.19.8')).length).toBeGreaterThan(10);
    const found = [...result.findings, ...result.suppressed]
      .map((f) => `${f.package.name}@${f.package.version} ${f.vulnerability}`)
      .sort();
    expect([...new Set(found)]).toEqual(expected);
  });
});
