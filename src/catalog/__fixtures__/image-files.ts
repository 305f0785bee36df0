import { execFileSync } from 'node:child_process';
import { fixture } from '../../../test/fixtures.js';

/**
 * Pulls single files out of the shared fixture images with the system's `tar`, independently of
 * the project's image reader, so catalog tests can run on real databases before that reader exists.
 */
const sh = (script: string, args: string[]): Buffer =>
  execFileSync('sh', ['-c', script, 'sh', ...args], { maxBuffer: 256 * 1024 * 1024 });

/** A file from the single layer of one of the `docker save` Alpine fixtures, e.g. `etc/os-release`. */
export function alpineImageFile(image: 'alpine-3.9.4' | 'alpine-3.10.2', path: string): Buffer {
  return sh('tar -xzOf "$1" --wildcards "*/layer.tar" | tar -xOf - "$2"', [
    fixture('images', `${image}.docker.tar.gz`),
    path,
  ]);
}

/** The diff id of the one layer of an Alpine fixture image, read from its config. */
export function alpineImageDiffId(image: 'alpine-3.9.4' | 'alpine-3.10.2'): string {
  const archive = fixture('images', `${image}.docker.tar.gz`);
  const manifest = JSON.parse(sh('tar -xzOf "$1" manifest.json', [archive]).toString()) as {
    Config: string;
  }[];
  const config = JSON.parse(sh('tar -xzOf "$1" "$2"', [archive, manifest[0]!.Config]).toString()) as {
    rootfs: { diff_ids: string[] };
  };
  return config.rootfs.diff_ids[0]!;
}

/** A file from the one layer of the Debian bookworm slim OCI fixture, e.g. `var/lib/dpkg/status`. */
export function debianImageFile(path: string): Buffer {
  const archive = fixture('images', 'debian-bookworm-slim.oci.tar');
  // the layer is the largest blob of the layout
  const listing = sh('tar -tvf "$1"', [archive]).toString().trim().split('\n');
  const largest = listing
    .map((line) => line.trim().split(/\s+/))
    .sort((a, b) => Number(b[2]) - Number(a[2]))[0]!
    .at(-1)!;
  return sh('tar -xOf "$1" "$2" | tar -xzOf - "$3"', [archive, largest, path]);
}
