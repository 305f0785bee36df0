// Benchmark of `cleanroom suggest` (`npm run bench:suggest`), target of issue 21: the python image's
// suggestion end to end (inventory and analysis of the image, closure and build, both scans) with
// a warm package cache under 10 s on this machine, and the share of that time in each step.
// The image is make-debian-image.sh's python3 + python3-requests plus an /app/main.py layer (as in
// test/suggest-python.test.ts); BENCH_SUGGEST_IMAGE=PATH reuses one. Baseline, same run:
// `cleanroom build examples/build/python.yaml` (the builder alone, warm cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'cleanroom.js');
const script = resolve(root, '..', 'shared', 'scripts', 'make-debian-image.sh');
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-suggest-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 3;

/** The layout of make-debian-image.sh's folder `base` plus a layer of `files`, as one tar. */
function withApplication(base, files, out, entrypoint) {
  const layout = `${out}.d`;
  cpSync(join(base, 'oci'), layout, { recursive: true });
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const blob = (d) => join(layout, 'blobs', 'sha256', d.replace(/^sha256:/, ''));
  const put = (b) => (writeFileSync(blob(sha(b)), b), { digest: `sha256:${sha(b)}`, size: b.length });
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8'));
  const tar = execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '-C', files, '-c', '.']);
  manifest.layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(gzipSync(tar)) });
  config.rootfs.diff_ids.push(`sha256:${sha(tar)}`);
  config.config = { ...config.config, Entrypoint: entrypoint, Cmd: undefined };
  manifest.config = { ...manifest.config, ...put(Buffer.from(JSON.stringify(config))) };
  index.manifests[0] = { ...index.manifests[0], ...put(Buffer.from(JSON.stringify(manifest))) };
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
  execFileSync('tar', ['--sort=name', '-cf', out, '-C', layout, '.']);
}

try {
  let image = process.env.BENCH_SUGGEST_IMAGE;
  if (!image) {
    console.log('making the python3 + requests image with make-debian-image.sh …');
    execFileSync('bash', [script, join(dir, 'debian'), 'bookworm', 'python3,python3-requests'], {
      stdio: 'pipe',
    });
    mkdirSync(join(dir, 'app', 'app'), { recursive: true });
    writeFileSync(
      join(dir, 'app', 'app', 'main.py'),
      'import ssl\nimport requests\nprint(requests.__version__, ssl.OPENSSL_VERSION)\n',
    );
    image = join(dir, 'app.oci.tar');
    withApplication(join(dir, 'debian'), join(dir, 'app'), image, ['python3', '/app/main.py']);
  }
  const db = join(dir, 'debian.db');
  execFileSync(process.execPath, [
    cli,
    'db',
    'build',
    '--source',
    `osv=${resolve(root, '..', 'shared', 'fixtures', 'history', 'debian', 'osv')}`,
    '--out',
    db,
  ]);
  const { suggest } = await import('../dist/builder/suggest/suggest.js');
  const once = async (n) => {
    const t = performance.now();
    const r = await suggest(image, { output: join(dir, `out-${n}`), db });
    return { wall: (performance.now() - t) / 1000, timings: r.timings, packages: r.packages.length };
  };
  await once('warm'); // fills the package and unpacked caches
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(i));
  const baseline = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [
      cli,
      'build',
      join(root, 'examples/build/python.yaml'),
      '--output',
      join(dir, `b${i}.oci.tar`),
    ]);
    if (r.status !== 0) throw new Error(`cleanroom build failed: ${r.stderr}`);
    baseline.push((performance.now() - t) / 1000);
  }
  const wall = median(runs.map((r) => r.wall));
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `suggest, end to end (in process, warm cache)  ${wall.toFixed(3)} s median of ${RUNS} (target: < 10 s); ${runs[0].packages} packages`,
  );
  const steps = Object.keys(runs[0].timings);
  for (const s of steps) {
    const t = median(runs.map((r) => r.timings[s]));
    console.log(`  ${s.padEnd(10)} ${t.toFixed(3)} s  ${((t / wall) * 100).toFixed(0).padStart(3)} %`);
  }
  const b = median(baseline);
  console.log(`baseline: cleanroom build examples/build/python.yaml  ${b.toFixed(3)} s (CLI, warm)`);
  console.log(`ratio suggest / build: ${(wall / b).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
