// A multi-layer Debian image for the benchmarks, built from Debian's packages on first use and
// cached: mmdebstrap installs a minimal bookworm with a few larger packages (as
// ../shared/scripts/make-debian-image.sh does), and the root is cut into gzip layers the way a
// Dockerfile stacks them: the base system, then groups of the packages' files, the dpkg database
// last. Needs root, mmdebstrap and the machine's Debian mirror (the first time only).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const EXTRA = 'python3,perl,curl,ca-certificates,openssl,xz-utils,bzip2,less';
// each later layer: the paths (shell globs under the root) it takes that no layer before it took;
// the first layer is what none of them takes
const CUTS = [
  ['./usr/lib/python3*', './usr/lib/x86_64-linux-gnu/perl*', './usr/share/perl*'],
  ['./usr/lib/x86_64-linux-gnu'],
  ['./usr/share'],
  ['./usr/bin', './usr/sbin', './usr/libexec'],
  ['./var/lib/dpkg'],
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const BIG = { maxBuffer: 2 ** 31 };

function buildRoot(rootTar, work) {
  const sources = readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8');
  const mirror = /^URIs: *(\S+)/m.exec(sources)?.[1] ?? 'http://deb.debian.org/debian';
  console.log(`building a ${CUTS.length + 1}-layer Debian image from ${mirror} (once, cached) …`);
  execFileSync(
    'mmdebstrap',
    [
      '--variant=minbase',
      '--mode=root',
      `--include=${EXTRA}`,
      '--dpkgopt=path-exclude=/usr/share/man/*',
      '--dpkgopt=path-exclude=/usr/share/locale/*',
      '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*',
      'bookworm',
      join(work, 'root.tar'),
      mirror,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  renameSync(join(work, 'root.tar'), rootTar);
}

/** The path of the cached multi-layer image (an OCI archive), building it when absent. */
export function multiLayerImage() {
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cleanroom-bench');
  const out = join(cache, 'debian-layers.oci.tar');
  if (existsSync(out)) return out;
  const rootTar = join(cache, 'debian-layers.root.tar');
  const work = join(cache, `build-${process.pid}`);
  const root = join(work, 'root');
  const layout = join(work, 'oci');
  mkdirSync(root, { recursive: true });
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  try {
    if (!existsSync(rootTar)) buildRoot(rootTar, work);
    execFileSync('tar', ['-xf', rootTar, '-C', root, '--exclude=./dev/*']);
    const blob = (bytes) => {
      const hex = sha256(bytes);
      writeFileSync(join(layout, 'blobs', 'sha256', hex), bytes);
      return { digest: `sha256:${hex}`, size: bytes.length };
    };
    const excludes = (cuts) =>
      cuts
        .flat()
        .map((p) => `--exclude='${p}'`)
        .join(' ');
    const tars = [
      execFileSync('sh', ['-c', `cd "$1" && tar -c ${excludes(CUTS)} .`, 'sh', root], BIG),
      // the shell expands each cut's globs; tar leaves out what an earlier cut took
      ...CUTS.map((paths, i) =>
        execFileSync(
          'sh',
          ['-c', `cd "$1" && tar -c ${excludes(CUTS.slice(0, i))} $(ls -d ${paths.join(' ')})`, 'sh', root],
          BIG,
        ),
      ),
    ];
    const layers = tars.map((tar) => ({
      diffId: `sha256:${sha256(tar)}`,
      ...blob(execFileSync('gzip', ['-6', '-n'], { input: tar, ...BIG })),
    }));
    const config = blob(
      Buffer.from(
        JSON.stringify({
          created: '2024-01-01T00:00:00Z',
          os: 'linux',
          architecture: 'amd64',
          rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
          history: layers.map((_, i) => ({ created_by: `bench layer ${i}` })),
        }),
      ),
    );
    const manifest = blob(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
          layers: layers.map((l) => ({
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: l.digest,
            size: l.size,
          })),
        }),
      ),
    );
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    writeFileSync(
      join(layout, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            ...manifest,
            annotations: { 'org.opencontainers.image.ref.name': 'latest' },
          },
        ],
      }),
    );
    execFileSync('tar', [
      '-C',
      layout,
      '--owner=0',
      '--group=0',
      '-cf',
      `${out}.tmp`,
      ...readdirSync(layout),
    ]);
    renameSync(`${out}.tmp`, out);
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
