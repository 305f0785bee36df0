import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import {
  auditData,
  buildRustProgram,
  dumpSection,
  elfObject,
  withSection,
  type AuditEntry,
} from './__fixtures__/build-rust-program.js';
import { auditedElf } from './__fixtures__/audited-elf.js';
import { MAX_COMPRESSED, MAX_JSON } from './audit-data.js';
import { rustCataloguer } from './index.js';

const ctx = { view: memoryView([]) };

// the dependency list of a made-up program, in cargo-auditable's format: its own (root, local)
// crate, a workspace member, crates from crates.io and from another registry, a git checkout, a
// proc-macro marked as a build-time crate, and one whose kind is omitted (runtime by default)
const CRATES: AuditEntry[] = [
  { name: 'hello', version: '0.1.0', source: 'local', root: true, dependencies: [1, 2, 4, 5, 6] },
  { name: 'serde', version: '1.0.197', source: 'crates.io', kind: 'runtime', dependencies: [3] },
  { name: 'regex', version: '1.10.3', source: 'crates.io' },
  { name: 'serde_derive', version: '1.0.197', source: 'crates.io', kind: 'build' },
  { name: 'tokio-fork', version: '1.36.0', source: 'git', kind: 'runtime' },
  { name: 'hello-util', version: '0.1.0', source: 'local', kind: 'runtime' },
  { name: 'acme-auth', version: '2.4.0', source: 'registry', kind: 'runtime' },
];

/**
 * The packages the format says the binary ships from a registry: what is marked neither `build`
 * (the schema: an omitted kind is runtime) nor from a `local` or `git` source.
 */
function expectedFrom(crates: AuditEntry[]): string[] {
  return crates
    .filter((c) => c.kind !== 'build' && (c.source === 'crates.io' || c.source === 'registry'))
    .map((c) => `${c.name}@${c.version}`)
    .sort();
}

async function catalogue(file: string, content: Buffer = readFileSync(file)) {
  return rustCataloguer.parse(file, content, ctx);
}

async function names(file: string, content?: Buffer) {
  const { packages, warnings } = await catalogue(file, content);
  expect(warnings).toEqual([]);
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

let work: string;
let plain: string; // built by rustc, no audit data
let audited: string; // the same with the section
let stripped: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-rust-'));
  plain = buildRustProgram(work);
  audited = withSection(plain, auditData(CRATES), join(work, 'audited'));
  stripped = join(work, 'stripped');
  execFileSync('strip', ['-o', stripped, audited]);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('rust cataloguer', () => {
  it('reads the registry crates a binary ships from its .dep-v0 section', async () => {
    expect(expectedFrom(CRATES)).toEqual(['acme-auth@2.4.0', 'regex@1.10.3', 'serde@1.0.197']);
    expect(await names(audited)).toEqual(expectedFrom(CRATES));
  });

  it('writes cargo packages with purls', async () => {
    const { packages } = await catalogue(audited);
    expect(packages.find((p) => p.name === 'serde')).toEqual({
      name: 'serde',
      version: '1.0.197',
      type: 'cargo',
      purl: 'pkg:cargo/serde@1.0.197',
      licenses: [],
      locations: [audited],
      foundBy: 'rust',
    });
  });

  it('keeps a root crate that came from crates.io (`cargo install`)', async () => {
    const crates: AuditEntry[] = [
      { name: 'ripgrep', version: '14.1.0', source: 'crates.io', root: true, dependencies: [1] },
      { name: 'memchr', version: '2.7.1', source: 'crates.io' },
    ];
    const file = withSection(plain, auditData(crates), join(work, 'installed'));
    expect(await names(file)).toEqual(['memchr@2.7.1', 'ripgrep@14.1.0']);
  });

  it('reads a stripped binary as the unstripped one', async () => {
    const symbols = (file: string) => execFileSync('readelf', ['-S', '-W', file], { encoding: 'utf8' });
    expect(symbols(audited)).toContain('.symtab');
    expect(symbols(stripped)).not.toContain('.symtab'); // strip did strip
    expect(await names(stripped)).toEqual(expectedFrom(CRATES));
  });

  it('keeps a small part of a binary, from which it reads the same', async () => {
    for (const file of [audited, stripped]) {
      const whole = readFileSync(file);
      const part = rustCataloguer.reduce!(whole)!;
      expect(part.length).toBeLessThan(1024);
      expect(part.buffer === whole.buffer).toBe(false); // a copy: the binary itself can be let go
      expect(await catalogue(file, part)).toEqual(await catalogue(file, whole));
    }
  });

  it('finds nothing, and says nothing, in binaries without audit data', async () => {
    for (const file of [plain, '/bin/sh', '/usr/bin/env']) {
      expect(rustCataloguer.reduce!(readFileSync(file))).toBeUndefined();
      expect(await catalogue(file)).toEqual({ packages: [], warnings: [] });
    }
  });

  it('finds nothing, without throwing, in garbage and in cut binaries', async () => {
    const whole = readFileSync(stripped);
    const damaged = [Buffer.alloc(0), randomBytes(10_000), Buffer.from('\x7fELF\x02\x01\x01', 'latin1')];
    for (const length of [16, 64, 4096, whole.length >> 1, whole.length - 100])
      damaged.push(whole.subarray(0, length));
    for (const content of damaged) {
      expect(rustCataloguer.reduce!(content)).toBeUndefined();
      expect(await catalogue('/bin/cut', content)).toEqual({ packages: [], warnings: [] });
    }
  });

  it.each([
    ['not JSON', deflateSync(Buffer.from('{"packages":[{"name":"serde",'))],
    ['JSON of another shape', deflateSync(Buffer.from('{"packages":[{"name":"serde"}]}'))],
    ['not zlib data', Buffer.from('{"packages":[]}')],
  ])('warns about a section that is %s', async (_what, data) => {
    const file = withSection(plain, data, join(work, 'broken'));
    for (const content of [readFileSync(file), rustCataloguer.reduce!(readFileSync(file))!]) {
      const { packages, warnings } = await catalogue(file, content);
      expect(packages).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ source: file, message: expect.stringContaining('.dep-v0') });
    }
  });

  it('stops inflating a zlib bomb at its limit, with a warning', async () => {
    const bomb = deflateSync(Buffer.alloc(4 * MAX_JSON, 0x20)); // 64 MiB of spaces in ~64 KiB
    const file = elfObject('elf64-little', bomb, join(work, 'bomb'));
    const whole = readFileSync(file);
    const part = rustCataloguer.reduce!(whole)!;
    expect(part.length).toBeLessThan(bomb.length + 100);
    for (const content of [whole, part]) {
      const { packages, warnings } = await catalogue(file, content);
      expect(packages).toEqual([]);
      expect(warnings).toEqual([{ source: file, message: expect.stringMatching(/inflates to more than/) }]);
    }
  });

  it('keeps no more than its limit of an oversized section, and warns', async () => {
    const file = elfObject('elf32-big', randomBytes(MAX_COMPRESSED + 5000), join(work, 'huge'));
    const whole = readFileSync(file);
    const part = rustCataloguer.reduce!(whole)!;
    expect(part.length).toBeLessThan(MAX_COMPRESSED + 100);
    for (const content of [whole, part]) {
      const { warnings } = await catalogue(file, content);
      expect(warnings).toEqual([{ source: file, message: expect.stringMatching(/larger than/) }]);
    }
  });

  it('reads the section of 32-bit and big-endian files too', async () => {
    for (const target of ['elf32-big', 'elf64-big', 'elf32-little']) {
      const file = elfObject(target, auditData(CRATES), join(work, target));
      expect(await names(file)).toEqual(expectedFrom(CRATES));
    }
  });

  it('reads an ELF file written by hand, which binutils reads the same', async () => {
    const file = join(work, 'by-hand');
    writeFileSync(file, auditedElf(CRATES));
    expect(inflateSync(dumpSection(file, '.dep-v0'))).toEqual(
      Buffer.from(JSON.stringify({ packages: CRATES })),
    );
    expect(await names(file)).toEqual(expectedFrom(CRATES));
  });

  it('inspects executable files only', () => {
    expect(rustCataloguer.inspects?.('/usr/bin/rg', 0o755, 4_000_000)).toBe(true);
    expect(rustCataloguer.inspects?.('/usr/lib/x.so', 0o100, 400_000)).toBe(true);
    expect(rustCataloguer.inspects?.('/usr/bin/true', 0o755, 40_000)).toBe(false);
    expect(rustCataloguer.inspects?.('/etc/passwd', 0o644, 400_000)).toBe(false);
    expect(rustCataloguer.wants('/usr/bin/rg')).toBe(false);
  });
});
