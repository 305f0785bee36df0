import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { buildInfoBytes, readBuildInfo } from './buildinfo.js';
import { goCataloguer, stdlibVersion } from './index.js';
import { buildGoProgram } from './__fixtures__/build-go-program.js';
import { esbuildBinary } from '../../../test/esbuild-binary.js';

const ctx = { view: memoryView([]) };

/**
 * The Go toolchain's own reading of a binary (`go version -m`), turned into the packages this
 * cataloguer should give: the main module, each dependency (a replacement by a module stands for
 * it; a replacement by a local folder keeps the required path at `(devel)`), and stdlib.
 */
function expectedByGo(file: string): { goVersion: string; packages: string[] } {
  const out = execFileSync('go', ['version', '-m', file], { encoding: 'utf8' });
  const [first, ...lines] = out.split('\n');
  const goVersion = first!.slice(first!.lastIndexOf(': ') + 2).trim();
  const modules: { path: string; version: string }[] = [];
  for (const line of lines) {
    const [, kind, path, version] = line.split('\t');
    if ((kind === 'mod' || kind === 'dep') && path && version) modules.push({ path, version });
    if (kind === '=>' && path) {
      const local = path.startsWith('.') || path.startsWith('/');
      modules[modules.length - 1] = local
        ? { path: modules.at(-1)!.path, version: '(devel)' }
        : { path, version: version! };
    }
  }
  const stdlib = /^go(\d+\.\d+\.\d+)$/.exec(goVersion);
  return {
    goVersion,
    packages: [
      ...modules.map((m) => `${m.path}@${m.version}`),
      ...(stdlib ? [`stdlib@v${stdlib[1]}`] : []),
    ].sort(),
  };
}

async function catalogued(file: string, content: Buffer = readFileSync(file)) {
  const { packages, warnings } = await goCataloguer.parse(file, content, ctx);
  expect(warnings).toEqual([]);
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

// a program built here with Go modules (see build-go-program.ts)
let work: string;
let built: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-go-'));
  built = buildGoProgram(work);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// real Go programs: esbuild (this project's own build tool, modules, Go 1.2x), and Debian's Go
// programs that CI installs (built in GOPATH mode: the toolchain version only)
const REAL = [
  esbuildBinary(),
  '/usr/bin/skopeo',
  '/usr/bin/docker-registry',
  '/usr/bin/umoci',
  // the go command reads build information itself, so it also holds the magic as a string literal
  realpathSync('/usr/bin/go'),
];

describe('go cataloguer', () => {
  it('reads the modules of a program built here as `go version -m` does', async () => {
    const expected = expectedByGo(built);
    expect(expected.packages).toEqual(
      expect.arrayContaining([
        'example.com/app@(devel)',
        'example.com/lib@(devel)',
        'example.com/new@v1.1.0',
      ]),
    );
    expect(await catalogued(built)).toEqual(expected.packages);
  });

  it.each(REAL)('reads %s as `go version -m` does', async (file) => {
    expect(existsSync(file), `${file} is installed by .ci/run`).toBe(true);
    const expected = expectedByGo(file);
    expect(readBuildInfo(readFileSync(file))?.goVersion).toBe(expected.goVersion);
    expect(await catalogued(file)).toEqual(expected.packages);
  });

  it('keeps a few kilobytes of a binary, from which it reads the same packages', async () => {
    for (const file of [built, REAL[0]!]) {
      const whole = readFileSync(file);
      const part = buildInfoBytes(whole)!;
      expect(part.length).toBeLessThan(16_384);
      expect(part.buffer === whole.buffer).toBe(false); // a copy: the binary itself can be let go
      expect(readBuildInfo(part)).toEqual(readBuildInfo(whole));
      expect(await catalogued(file, part)).toEqual(await catalogued(file));
    }
  });

  it('writes Go purls and the stdlib at the toolchain version, with the build architecture', async () => {
    const { packages } = await goCataloguer.parse(built, readFileSync(built), ctx);
    expect(packages.find((p) => p.name === 'example.com/new')).toMatchObject({
      purl: 'pkg:golang/example.com/new@v1.1.0',
      type: 'golang',
      arch: 'amd64',
      locations: [built],
      foundBy: 'go',
    });
    expect(packages.find((p) => p.name === 'stdlib')?.purl).toMatch(/^pkg:golang\/stdlib@v1\.\d+\.\d+$/);
  });

  it('reads the pointer form of Go before 1.18 through the ELF program headers', () => {
    const elf = oldFormatElf(
      'go1.16.15',
      'path\tx/cmd\nmod\tx\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.5\th1:abc=\n',
    );
    expect(readBuildInfo(elf)).toEqual({
      goVersion: 'go1.16.15',
      modinfo: 'path\tx/cmd\nmod\tx\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.5\th1:abc=\n',
    });
    expect(readBuildInfo(buildInfoBytes(elf)!)).toEqual(readBuildInfo(elf));
  });

  it('finds nothing, and says nothing, in other executables', async () => {
    for (const file of ['/bin/sh', '/usr/bin/env']) expect(await catalogued(file)).toEqual([]);
    expect(buildInfoBytes(readFileSync('/bin/sh'))).toBeUndefined();
    // the magic alone, as a string literal in a program that reads build information, is not a header
    const literal = Buffer.concat([Buffer.from('\xff Go buildinf:', 'latin1'), Buffer.alloc(40, 0x41)]);
    expect(readBuildInfo(literal)).toBeUndefined();
  });

  it('inspects executable files only', () => {
    expect(goCataloguer.inspects?.('/usr/local/bin/app', 0o755, readFileSync(built).length)).toBe(true);
    expect(goCataloguer.inspects?.('/etc/passwd', 0o644, 2_000_000)).toBe(false);
    // smaller than any Go program: the stripped one built here is over twice the bound
    expect(readFileSync(built).length).toBeGreaterThan(2 * 512 * 1024);
    expect(goCataloguer.inspects?.('/usr/bin/true', 0o755, 40_000)).toBe(false);
  });

  it('writes toolchain versions as Go module versions', () => {
    expect(stdlibVersion('go1.21.5')).toBe('v1.21.5');
    expect(stdlibVersion('go1.21')).toBe('v1.21.0');
    expect(stdlibVersion('go1.21rc2')).toBe('v1.21.0-rc.2');
    expect(stdlibVersion('go1.22.1 X:boringcrypto')).toBe('v1.22.1');
    expect(stdlibVersion('devel go1.23-1e8b9a5 Tue Jan 2 2024')).toBeUndefined();
  });
});

/**
 * A minimal 64-bit little-endian ELF file with one PT_LOAD segment holding a buildinfo header of
 * the pointer form (Go 1.13–1.17): two pointers to Go string headers (data, length).
 */
function oldFormatElf(version: string, modinfo: string): Buffer {
  const base = 0x400000;
  const file = Buffer.alloc(4096);
  file.writeUInt32BE(0x7f454c46, 0);
  file[4] = 2; // 64-bit
  file[5] = 1; // little-endian
  file.writeBigUInt64LE(64n, 32); // e_phoff
  file.writeUInt16LE(56, 54); // e_phentsize
  file.writeUInt16LE(1, 56); // e_phnum
  file.writeUInt32LE(1, 64); // PT_LOAD
  file.writeBigUInt64LE(0n, 64 + 8); // p_offset
  file.writeBigUInt64LE(BigInt(base), 64 + 16); // p_vaddr
  file.writeBigUInt64LE(4096n, 64 + 32); // p_filesz
  const header = 512;
  Buffer.from('\xff Go buildinf:', 'latin1').copy(file, header);
  file[header + 14] = 8;
  file[header + 15] = 0;
  const framed = Buffer.concat([Buffer.alloc(16, 0x30), Buffer.from(modinfo), Buffer.alloc(16, 0x31)]);
  const strings = [Buffer.from(version), framed];
  let data = 1024;
  strings.forEach((bytes, i) => {
    const stringHeader = 768 + i * 16;
    file.writeBigUInt64LE(BigInt(base + stringHeader), header + 16 + i * 8);
    file.writeBigUInt64LE(BigInt(base + data), stringHeader);
    file.writeBigUInt64LE(BigInt(bytes.length), stringHeader + 8);
    bytes.copy(file, data);
    data += bytes.length;
  });
  return file;
}
