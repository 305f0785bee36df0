/**
 * What the sbom of each fixture image must contain, computed independently of the code under test:
 * Debian from the dpkg-query output beside the image, Alpine by reading the apk database out of
 * the archive with the system's `tar`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from './fixtures.js';

export interface ExpectedImage {
  file: string;
  distro: { id: string; versionId: string };
  /** name, version, source name of every package */
  packages: [string, string, string][];
  layers: number;
}

/** The packages of an Alpine `docker save` archive: its one layer's lib/apk/db/installed. */
function alpine(file: string, versionId: string): ExpectedImage {
  const dir = mkdtempSync(join(tmpdir(), 'cleanroom-expect-'));
  try {
    execFileSync('tar', ['-xzf', fixture('images', file), '-C', dir]);
    const layer = readdirSync(dir).find((d) => !d.includes('.') && d !== 'repositories')!;
    const db = execFileSync('tar', ['-xOf', join(dir, layer, 'layer.tar'), 'lib/apk/db/installed'], {
      encoding: 'utf8',
    });
    const packages = db
      .split('\n\n')
      .filter((block) => block.includes('P:'))
      .map((block) => {
        const field = (k: string) => block.match(new RegExp(`^${k}:(.*)$`, 'm'))?.[1] ?? '';
        return [field('P'), field('V'), field('o')] as [string, string, string];
      });
    return { file, distro: { id: 'alpine', versionId }, packages, layers: 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Debian image's packages, from the dpkg-query listing made when it was built. */
function debian(): ExpectedImage {
  const rows = readFileSync(fixture('images', 'debian-bookworm-slim.packages.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  return {
    file: 'debian-bookworm-slim.oci.tar',
    distro: { id: 'debian', versionId: '12' },
    packages: rows.map(([name = '', version = '', source = '']) => [name, version, source]),
    layers: 1,
  };
}

/** The three fixture images and what their SBOMs must hold. */
export function expectedImages(): ExpectedImage[] {
  return [
    alpine('alpine-3.9.4.docker.tar.gz', '3.9.4'),
    alpine('alpine-3.10.2.docker.tar.gz', '3.10.2'),
    debian(),
  ];
}
