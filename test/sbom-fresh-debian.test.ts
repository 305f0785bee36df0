/**
 * The inventory of a Debian image built at test time from Debian's own packages (with python3, so
 * Python's dist-info packages appear if the distribution ships any), checked against what
 * dpkg-query said of the same root when the image was built. Nothing here is hard-coded: the mirror
 * of the day decides the versions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../src/catalog/types.js';
import { sbom } from '../src/sbom.js';
import { fixturesDir } from './fixtures.js';
import { tempDir } from './scan-helpers.js';

const script = resolve(fixturesDir(), '..', 'scripts', 'make-debian-image.sh');
const tools = ['mmdebstrap', 'umoci'].every((t) => spawnSync('which', [t]).status === 0);
const root = process.getuid?.() === 0;
const tmp = tempDir('cleanroom-fresh-debian-');
afterAll(tmp.cleanup);

describe.skipIf(!tools || !root || !existsSync(script))('sbom of a Debian image built at test time', () => {
  let inventory: Inventory;
  let image: string;
  beforeAll(async () => {
    execFileSync('bash', [script, tmp.dir, 'bookworm', 'python3'], { stdio: 'pipe', timeout: 900_000 });
    image = resolve(tmp.dir, 'image.oci.tar');
    inventory = await sbom(image);
  }, 960_000);

  it('lists exactly the rows of the packages.tsv dpkg-query wrote for its root', () => {
    const tsv = readFileSync(resolve(tmp.dir, 'packages.tsv'), 'utf8').trim().split('\n').sort();
    const rows = inventory.packages
      .filter((p) => p.type === 'deb')
      .map((p) => [p.name, p.version, p.source?.name, p.source?.version, p.arch].join('\t'))
      .sort();
    expect(rows).toEqual(tsv);
    expect(rows.some((r) => r.startsWith('python3\t'))).toBe(true);
    expect(inventory.distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
  });

  it('lists one Python package per dist-info or egg-info folder in the image', () => {
    // the layer's file list, read by the system's tar from the OCI tar: index → manifest → layer
    const blobs = (name: string) => execFileSync('tar', ['-xOf', image, name], { maxBuffer: 1 << 30 });
    const index = JSON.parse(blobs('./index.json').toString()) as { manifests: { digest: string }[] };
    const blob = (digest: string) => `./blobs/sha256/${digest.slice('sha256:'.length)}`;
    const manifest = JSON.parse(blobs(blob(index.manifests[0]!.digest)).toString()) as {
      layers: { digest: string }[];
    };
    const files = execFileSync('tar', ['-tz'], {
      input: blobs(blob(manifest.layers[0]!.digest)),
      maxBuffer: 1 << 28,
    })
      .toString()
      .split('\n');
    const metadata = files.filter((f) => /\.dist-info\/METADATA$|\.egg-info\/PKG-INFO$|\.egg-info$/.test(f));
    expect(inventory.packages.filter((p) => p.type === 'pypi')).toHaveLength(metadata.length);
  });
});
