import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, truncate, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { dockerArchiveOf, runCli } from './sbom-helpers.js';

const ALPINE = fixture('images', 'alpine-3.9.4.docker.tar.gz');
let dir: string;

/** Each bad input: how to make it at test time, and the extra arguments it is run with. */
const cases: { name: string; make: () => Promise<string>; args?: string[] }[] = [
  {
    name: 'a truncated gzip',
    make: async () => {
      const path = join(dir, 'truncated.tar.gz');
      await copyFile(ALPINE, path);
      await truncate(path, Math.floor((await stat(path)).size / 2));
      return path;
    },
  },
  {
    name: 'a truncated tar',
    make: async () => {
      // repack with manifest.json first, so the cut falls inside the layer and not the manifest
      const unpacked = join(dir, 'unpacked');
      await mkdir(unpacked);
      execFileSync('tar', ['-xzf', ALPINE, '-C', unpacked]);
      const names = (await readdir(unpacked)).sort(
        (a, b) => Number(b === 'manifest.json') - Number(a === 'manifest.json'),
      );
      const path = join(dir, 'truncated.tar');
      execFileSync('tar', ['-cf', path, '-C', unpacked, ...names]);
      await truncate(path, Math.floor((await stat(path)).size * 0.6));
      return path;
    },
  },
  {
    name: 'a file that is not an image',
    make: async () => {
      const path = join(dir, 'packages.tsv');
      await copyFile(fixture('images', 'debian-bookworm-slim.packages.tsv'), path);
      return path;
    },
  },
  {
    name: 'a tar (not an image) with no manifest',
    make: async () => {
      const path = join(dir, 'plain.tar');
      execFileSync('tar', ['-cf', path, '-C', fixture('images'), 'debian-bookworm-slim.packages.tsv']);
      return path;
    },
  },
  {
    name: 'an empty file',
    make: async () => (await writeFile(join(dir, 'empty.tar'), ''), join(dir, 'empty.tar')),
  },
  { name: 'a missing file', make: () => Promise.resolve(join(dir, 'no-such-image.tar')) },
  {
    name: 'a layer entry with ..',
    make: async () => write('dotdot.tar', await dockerArchiveOf([[{ name: '../../escape', content: 'x' }]])),
  },
  {
    name: 'a layer entry with an absolute path',
    make: async () => write('absolute.tar', await dockerArchiveOf([[{ name: '/etc/passwd', content: 'x' }]])),
  },
  {
    name: 'a hard link to a missing entry',
    make: async () =>
      write(
        'hardlink.tar',
        await dockerArchiveOf([
          [{ name: 'lib/apk/db/installed', type: 'link', linkname: 'nowhere/installed' }],
        ]),
      ),
  },
  {
    name: 'a layer over --max-layer-bytes',
    make: () => Promise.resolve(ALPINE),
    args: ['--max-layer-bytes', '1000'],
  },
];

async function write(name: string, bytes: Buffer): Promise<string> {
  await writeFile(join(dir, name), bytes);
  return join(dir, name);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-bad-'));
  for (const c of cases) c.make = memo(c.make);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function memo(make: () => Promise<string>): () => Promise<string> {
  let made: Promise<string> | undefined;
  return () => (made ??= make());
}

describe.each(cases)('cleanroom sbom of $name', (c) => {
  it('exits 2 with one sentence naming the input, no stack trace, nothing written to --output', async () => {
    const input = await c.make();
    const outDir = await mkdtemp(join(dir, 'out-'));
    const run = await runCli([
      'sbom',
      input,
      ...(c.args ?? []),
      '--format',
      'json',
      '--output',
      join(outDir, 'sbom.json'),
    ]);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cleanroom: [^\n]+[.!?]$/);
    expect(lines[0]).toContain(basename(input));
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(outDir)).toEqual([]);
  });
});

describe('--debug', () => {
  it('adds the stack trace to the sentence', async () => {
    const run = await runCli(['sbom', join(dir, 'no-such-image.tar'), '--debug']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cleanroom: .*no-such-image\.tar.*\n/);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});
