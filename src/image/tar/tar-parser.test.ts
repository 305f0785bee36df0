import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TarParser, type TarHeader } from './tar-parser.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Parses bytes (fed in chunks of `chunk` bytes) and returns every entry and the wanted contents. */
async function parse(bytes: Buffer, wanted: (h: TarHeader) => boolean, chunk = 777) {
  const entries: TarHeader[] = [];
  const contents = new Map<string, string>();
  const parser = new TarParser({
    entry: (h) => (entries.push(h), wanted(h)),
    content: (h, data) => contents.set(h.name, data.toString('utf8')),
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('error', reject).on('finish', resolve);
    for (let at = 0; at < bytes.length; at += chunk) parser.write(bytes.subarray(at, at + chunk));
    parser.end();
  });
  return { entries, contents };
}

/** A tar written by GNU tar itself from a folder, in the given format. */
function gnuTar(format: 'gnu' | 'posix' | 'ustar', root: string): Buffer {
  const out = spawnSync('tar', ['--format', format, '-C', root, '-cf', '-', '.'], { maxBuffer: 1 << 26 });
  return out.stdout;
}

const longName = `${'deep/'.repeat(40)}file-with-a-name-longer-than-a-hundred-bytes.txt`;

describe('TarParser against archives written by GNU tar', () => {
  const root = join(dir, 'root');
  mkdirSync(join(root, 'deep/'.repeat(40)), { recursive: true });
  writeFileSync(join(root, longName), 'long');
  writeFileSync(join(root, 'status'), 'Package: bash\n'.repeat(1000));
  writeFileSync(join(root, 'empty'), '');
  symlinkSync(`../${'x'.repeat(150)}`, join(root, 'link'));
  spawnSync('ln', [join(root, 'status'), join(root, 'hard')]);

  for (const format of ['gnu', 'posix', 'ustar'] as const) {
    it(`lists what tar -t lists and returns wanted contents (${format})`, async () => {
      if (format === 'ustar') rmSync(join(root, 'link'), { force: true }); // ustar cannot hold a 150-byte link
      const bytes = gnuTar(format, root);
      const listed = spawnSync('tar', ['-tf', '-'], { input: bytes, encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .map((n) => n.replace(/\/$/, ''));
      const { entries, contents } = await parse(
        bytes,
        (h) => h.name.endsWith('status') || h.name.endsWith('.txt'),
      );
      expect(entries.map((e) => e.name.replace(/\/$/, ''))).toEqual(listed);
      expect(contents.get('./status')).toBe(readFileSync(join(root, 'status'), 'utf8'));
      expect(contents.get(`./${longName}`)).toBe('long');
      const hard = entries.find((e) => e.name === './hard' || (e.name === './status' && e.type === 'link'));
      expect(hard?.type).toBe('link');
      if (format !== 'ustar')
        expect(entries.find((e) => e.name === './link')?.linkname).toBe(`../${'x'.repeat(150)}`);
    });
  }
});

describe('TarParser on damaged input', () => {
  const root = join(dir, 'small');
  mkdirSync(root);
  writeFileSync(join(root, 'a'), 'x'.repeat(5000));
  const bytes = gnuTar('posix', root);

  it('reports a stream cut inside an entry as unexpected end of data', async () => {
    await expect(parse(bytes.subarray(0, 2048), () => false)).rejects.toThrow(/unexpected end of data/);
  });
  it('reports a header whose checksum does not add up', async () => {
    const broken = Buffer.from(bytes);
    broken[10] = broken[10]! ^ 0xff;
    await expect(parse(broken, () => false)).rejects.toThrow(/checksum/);
  });
  it('reads base-256 sizes (GNU extension for entries of 8 GiB and more)', async () => {
    const one = Buffer.from(gnuTar('ustar', root));
    // rewrite the size field of ./a (the header after ./) in base-256, then fix the checksum
    const header = one.subarray(512, 1024);
    expect(header.toString('latin1', 0, 3)).toBe('./a');
    header.fill(0, 124, 136);
    header[124] = 0x80;
    header.writeUInt32BE(5000, 132);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    const { entries } = await parse(one, () => false);
    expect(entries.find((e) => e.name === './a')?.size).toBe(5000);
  });
});
