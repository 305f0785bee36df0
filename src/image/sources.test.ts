/**
 * The contract every registered image source keeps (DESIGN.md convention 2): it recognises a
 * sample of its own kind and no other local source claims that sample, it opens it, and the
 * layer reader turns it into a view where the sample's /etc/os-release reads back.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures.js';
import { makeTar, writeLayout } from './__fixtures__/build-layout.js';
import { readImage } from './reader/read-image.js';
import { byPrefix, openSource, sources } from './sources.js';

let tmp: string;
const samples = new Map<string, { reference: string; osRelease: RegExp }>();

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cleanroom-sources-'));
  const layer = await makeTar([{ name: 'etc/os-release', content: 'ID=contract\n' }]);
  await writeLayout(join(tmp, 'layout'), { layers: [layer] });
  execFileSync('tar', ['-cf', join(tmp, 'layout.tar'), '-C', join(tmp, 'layout'), '.']);
  await mkdir(join(tmp, 'root/etc'), { recursive: true });
  await writeFile(join(tmp, 'root/etc/os-release'), 'ID=folder\n');
  samples.set('docker-archive', {
    reference: fixture('images', 'alpine-3.9.4.docker.tar.gz'),
    osRelease: /^ID=alpine$/m,
  });
  samples.set('oci-archive', { reference: join(tmp, 'layout.tar'), osRelease: /^ID=contract$/m });
  samples.set('oci-dir', { reference: join(tmp, 'layout'), osRelease: /^ID=contract$/m });
  samples.set('dir', { reference: join(tmp, 'root'), osRelease: /^ID=folder$/m });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// The registry source has no local sample: its contract is tested against a live registry that
// its own tests start (src/image/registry/source.test.ts, sbom-registry.test.ts).
const LOCAL = ['docker-archive', 'oci-archive', 'oci-dir', 'dir'];

describe('the image source registry', () => {
  it('holds the local sources and the registry, each under its own name', () => {
    expect([...sources.keys()].filter((n) => !LOCAL.includes(n))).toEqual(['registry']);
    for (const [name, source] of sources) expect(source.name).toBe(name);
  });
});

describe.each(LOCAL)('image source %s', (name) => {
  const source = sources.get(name)!;

  it('recognises its sample, which no other local source claims', async () => {
    const sample = samples.get(name)!;
    expect(await source.detect(sample.reference)).toBe(true);
    for (const [other, otherSource] of sources) {
      if (other !== name && samples.has(other))
        expect(await otherSource.detect(sample.reference)).toBe(false);
    }
  });

  it('opens its sample, by prefix and by content, into a readable view', async () => {
    const sample = samples.get(name)!;
    for (const reference of [`${name}:${sample.reference}`, sample.reference]) {
      const opened = await openSource(reference);
      const { view, target } = await readImage(opened, (p) => p === '/etc/os-release');
      await opened.close();
      expect(target.source).toBe(name);
      expect(target.reference).toBe(reference);
      expect((await view.readFile('/etc/os-release')).toString()).toMatch(sample.osRelease);
    }
  });
});

describe('byPrefix', () => {
  it('reads NAME: as a source prefix, but HOST:PORT/… as a registry host with a port', () => {
    expect(byPrefix('oci-dir:./layout')).toMatchObject({ source: { name: 'oci-dir' }, rest: './layout' });
    expect(byPrefix('registry:127.0.0.1:5000/alpine:3.9')).toMatchObject({
      source: { name: 'registry' },
      rest: '127.0.0.1:5000/alpine:3.9',
    });
    expect(byPrefix('registry:5000/app')).toBeUndefined();
    expect(byPrefix('alpine:3.9')).toBeUndefined();
  });
});
