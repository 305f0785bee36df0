/**
 * Bad input of every kind the issue names: each one an InputError whose message is one sentence
 * naming the input and the problem, and nothing left behind in the cache folder.
 */
import { mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { InputError } from '../../errors.js';
import {
  makeTar,
  writeImageBlobs,
  writeLayout,
  type EntrySpec,
  type ImageSpec,
} from '../__fixtures__/build-layout.js';
import { openSource } from '../sources.js';
import type { OpenOptions } from '../types.js';
import { readImage } from './read-image.js';

let tmp: string;
let cacheDir: string;
let n = 0;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cleanroom-bad-'));
  cacheDir = join(tmp, 'cache');
  await mkdir(cacheDir);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The InputError that opening and reading `reference` throws. */
async function failure(reference: string, options: OpenOptions = {}): Promise<string> {
  const err = await (async () => {
    const source = await openSource(reference, { cacheDir, ...options });
    try {
      await readImage(source, () => true, options);
    } finally {
      await source.close();
    }
  })().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  const message = (err as Error).message;
  expect(message).toMatch(/^[^\n]+\.$/); // one sentence, one line
  expect(await readdir(cacheDir)).toEqual([]);
  return message;
}

/** An OCI layout of one layer made of `entries`; returns its folder and the layer's diff id. */
async function layout(
  entries: EntrySpec[],
  spec: Partial<ImageSpec> = {},
): Promise<{ dir: string; diffId: string; blob: string }> {
  const dir = join(tmp, `layout-${n++}`);
  const img = await writeLayout(dir, { layers: [await makeTar(entries)], ...spec });
  return { dir, diffId: img.diffIds[0]!, blob: join(dir, 'blobs/sha256', img.blobDigests[0]!.slice(7)) };
}

const someFiles: EntrySpec[] = [
  { name: 'etc/os-release', content: 'ID=test\n' },
  { name: 'usr/share/big', content: Buffer.alloc(64 * 1024, 7) },
];

describe('bad input', () => {
  it('a truncated gzip layer', async () => {
    const { dir, diffId, blob } = await layout(someFiles);
    await truncate(blob, 200);
    expect(await failure(dir)).toBe(`layer ${diffId} of ${dir} is truncated.`);
  });

  it('a truncated tar layer', async () => {
    const { dir, diffId, blob } = await layout(someFiles, { compress: (b) => b });
    await truncate(blob, 3000);
    expect(await failure(dir)).toBe(`layer ${diffId} of ${dir} is truncated.`);
  });

  it('a truncated gzipped docker archive', async () => {
    const path = join(tmp, 'cut.tar.gz');
    await writeFile(path, readFileSync(fixture('images', 'alpine-3.9.4.docker.tar.gz')).subarray(0, 100_000));
    expect(await failure(path)).toBe(`${path} is truncated.`);
  });

  it('a file that is not an image', async () => {
    const path = join(tmp, 'alpine.txt');
    await writeFile(path, 'just some text, not a tar\n'.repeat(40));
    expect(await failure(path)).toBe(
      'alpine.txt is not a container image: no manifest.json or oci-layout found.',
    );
  });

  it('an empty file and a path that does not exist', async () => {
    const empty = join(tmp, 'empty.tar');
    await writeFile(empty, '');
    expect(await failure(empty)).toBe(`${empty} is an empty file, not a container image.`);
    expect(await failure(join(tmp, 'nowhere.tar'))).toBe(`${join(tmp, 'nowhere.tar')} does not exist.`);
    // relative, so that only its name says it is a file, not an image name for a registry
    expect(await failure('nowhere.tar')).toBe('nowhere.tar does not exist.');
  });

  it('a tar entry climbing above the root, and an absolute one', async () => {
    const up = await layout([{ name: 'etc/../../../evil', content: 'x' }]);
    expect(await failure(up.dir)).toBe(
      `layer ${up.diffId} of ${up.dir} has an entry "etc/../../../evil" with a path that climbs above the root.`,
    );
    const abs = await layout([{ name: '/etc/evil', content: 'x' }]);
    expect(await failure(abs.dir)).toBe(
      `layer ${abs.diffId} of ${abs.dir} has an entry "/etc/evil" with an absolute path.`,
    );
  });

  it('a hard link to a missing entry', async () => {
    const { dir, diffId } = await layout([{ name: 'bin/x', type: 'link', linkname: 'bin/missing' }]);
    expect(await failure(dir)).toBe(
      `layer ${diffId} of ${dir} has a hard link "bin/x" to "bin/missing", which is not in this or a lower layer.`,
    );
  });

  it('a layer expanding past the size limit', async () => {
    const { dir, diffId } = await layout(someFiles);
    expect(await failure(dir, { maxLayerBytes: 10_000 })).toBe(
      `layer ${diffId} of ${dir} expands past 10000 bytes (raise --max-layer-bytes to allow it).`,
    );
  });

  it('a gzipped docker archive expanding past eight times the layer limit', async () => {
    const path = fixture('images', 'alpine-3.9.4.docker.tar.gz');
    expect(await failure(path, { maxLayerBytes: 100_000 })).toBe(
      `${path} expands past 800000 bytes (raise --max-layer-bytes to allow it).`,
    );
  });

  it('a layer whose content does not match its diff id', async () => {
    const wrong = 'sha256:' + '0'.repeat(64);
    const { dir } = await layout(someFiles, { diffIds: [wrong] });
    expect(await failure(dir)).toMatch(
      new RegExp(
        `^layer ${wrong} of ${dir} does not match its diff id: its content hashes to sha256:[0-9a-f]{64}\\.$`,
      ),
    );
  });

  it('a config blob that does not match its digest', async () => {
    const { dir } = await layout(someFiles);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const manifestFile = join(dir, 'blobs/sha256', index.manifests[0]!.digest.slice(7));
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { config: { digest: string } };
    const configFile = join(dir, 'blobs/sha256', manifest.config.digest.slice(7));
    await writeFile(configFile, readFileSync(configFile, 'utf8').replace('amd64', 'arm64'));
    expect(await failure(dir)).toMatch(
      new RegExp(
        `^blob ${manifest.config.digest} of ${dir} does not match its digest ${manifest.config.digest}: it hashes to sha256:[0-9a-f]{64}\\.$`,
      ),
    );
  });

  it('an OCI layout with two images of the same platform and no tag given', async () => {
    const { dir } = await layout(someFiles);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { mediaType: string; digest: string; size: number; annotations: Record<string, string> }[];
    };
    const first = index.manifests[0]!;
    const ref = (tag: string): Record<string, string> => ({ 'org.opencontainers.image.ref.name': tag });
    // The same manifest under a second tag is still one image: it opens.
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ ...index, manifests: [first, { ...first, annotations: ref('alias') }] }),
    );
    await (await openSource(dir)).close();
    const other = await writeImageBlobs(dir, { layers: [await makeTar([{ name: 'other', content: 'x' }])] });
    const second = {
      mediaType: first.mediaType,
      digest: other.manifestDigest,
      size: other.manifestSize,
      annotations: ref('other'),
    };
    await writeFile(join(dir, 'index.json'), JSON.stringify({ ...index, manifests: [first, second] }));
    expect(await failure(dir)).toBe(`${dir} holds several images (latest, other); name one as ${dir}:TAG.`);
  });
});
