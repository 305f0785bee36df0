/**
 * The real images of ../shared/fixtures open and read. Expectations come from the raw archives,
 * unpacked here with the system's tar and hashed with node:crypto, never from the code under test.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { readImage } from '../reader/read-image.js';
import { openSource } from '../sources.js';

const WANTED = new Set([
  '/lib/apk/db/installed',
  '/etc/os-release',
  '/usr/lib/os-release',
  '/var/lib/dpkg/status',
]);
const wants = (p: string): boolean => WANTED.has(p);
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cleanroom-fixtures-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Unpacks an archive with the system tar into a fresh folder. */
function untar(archive: string, into: string, ...args: string[]): string {
  execFileSync('mkdir', ['-p', into]);
  execFileSync('tar', ['-xf', archive, '-C', into, ...args]);
  return into;
}

describe.each(['alpine-3.9.4', 'alpine-3.10.2'])('%s docker archive', (name) => {
  it('opens with one layer whose diff id is the config one, and reads apk db and os-release', async () => {
    const archive = fixture('images', `${name}.docker.tar.gz`);
    const raw = untar(archive, join(tmp, name));
    const [entry] = JSON.parse(await readFile(join(raw, 'manifest.json'), 'utf8')) as {
      Config: string;
      Layers: string[];
    }[];
    const config = JSON.parse(await readFile(join(raw, entry!.Config), 'utf8')) as {
      rootfs: { diff_ids: string[] };
    };
    const layerTar = await readFile(join(raw, entry!.Layers[0]!));
    const root = untar(join(raw, entry!.Layers[0]!), join(tmp, `${name}-root`));

    const source = await openSource(archive);
    const { view, target } = await readImage(source, wants);
    await source.close();
    expect(target.source).toBe('docker-archive');
    expect(target.layers).toHaveLength(1);
    expect(target.layers[0]?.diffId).toBe(config.rootfs.diff_ids[0]);
    expect(target.layers[0]?.diffId).toBe('sha256:' + createHash('sha256').update(layerTar).digest('hex'));
    expect(await view.readFile('/lib/apk/db/installed')).toEqual(
      await readFile(join(root, 'lib/apk/db/installed')),
    );
    expect((await view.readFile('/etc/os-release')).toString()).toMatch(/^ID=alpine$/m);
    expect((await view.lstat('/lib/apk/db/installed'))?.layer).toBe(config.rootfs.diff_ids[0]);
  });
});

describe('debian-bookworm-slim OCI layout', () => {
  const archive = fixture('images', 'debian-bookworm-slim.oci.tar');

  async function expectDebian(reference: string, kind: string): Promise<void> {
    const raw = join(tmp, `debian-${kind}-raw`);
    untar(archive, raw);
    const index = JSON.parse(await readFile(join(raw, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const manifest = JSON.parse(
      await readFile(join(raw, 'blobs/sha256', index.manifests[0]!.digest.slice(7)), 'utf8'),
    ) as { layers: { digest: string }[] };
    const blob = join(raw, 'blobs/sha256', manifest.layers[0]!.digest.slice(7));
    const status = execFileSync('tar', ['-xzOf', blob, 'var/lib/dpkg/status'], { maxBuffer: 64 << 20 });

    const source = await openSource(reference);
    const { view, target } = await readImage(source, wants);
    await source.close();
    expect(target.source).toBe(kind);
    expect(target.digest).toBe(index.manifests[0]!.digest);
    expect(target.tags).toEqual(['bookworm-slim']);
    expect(await view.readFile('/var/lib/dpkg/status')).toEqual(status);
    // /etc/os-release is a symlink to ../usr/lib/os-release here: followed inside the image.
    expect((await view.lstat('/etc/os-release'))?.type).toBe('symlink');
    expect((await view.readFile('/etc/os-release')).toString()).toMatch(/^VERSION_CODENAME=bookworm$/m);
  }

  it('opens as an oci-archive, sniffed by content', async () => {
    await expectDebian(archive, 'oci-archive');
  });

  it('opens as an oci-dir once extracted, with an explicit prefix and tag', async () => {
    const dir = untar(archive, join(tmp, 'debian-dir'));
    await expectDebian(`oci-dir:${dir}:bookworm-slim`, 'oci-dir');
  });
});
