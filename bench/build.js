// Benchmark of `cleanroom build` (`npm run bench:build`), targets of issue 15:
// - resolving the closure of python3 from the suite's indexes: under 1 s (in process, indexes
//   already verified and cached: what a build pays once InRelease is checked);
// - building examples/build/python.yaml with a warm package cache: under 5 s (the CLI, end to end,
//   InRelease fetched and verified each time);
// against mmdebstrap extracting the same package set (its --variant=extract, the closest thing to
// what cleanroom does: no maintainer scripts) with its own warm package cache, in the same run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'cleanroom.js');
const file = join(root, 'examples', 'build', 'python.yaml');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => `${s.toFixed(3)} s`;
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-build-'));

function timed(label, command, args, runs) {
  const walls = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOURCE_DATE_EPOCH: '' },
    });
    walls.push((performance.now() - t) / 1000);
    if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
  }
  console.log(`${label.padEnd(34)} ${fmt(median(walls))}  (runs: ${walls.map(fmt).join(', ')})`);
  return median(walls);
}

try {
  const { readImageFile } = await import('../dist/build/image-file.js');
  const { resolveImage } = await import('../dist/build/resolve-image.js');
  const { buildCacheDir } = await import('../dist/build/download-cache.js');
  const { readAptSources } = await import('../dist/build/apt-sources.js');
  const { repositoriesFor } = await import('../dist/build/repositories.js');
  const { loadIndexes } = await import('../dist/build/repository.js');
  const { packageUniverse } = await import('../dist/build/package-universe.js');
  const { resolveClosure } = await import('../dist/build/resolve.js');
  const image = await readImageFile(file);
  const cacheDir = buildCacheDir();

  // warm the caches: indexes and packages
  timed(
    'cleanroom build (cold or warm-up)',
    process.execPath,
    [cli, 'build', file, '--output', join(dir, 'warm.tar')],
    1,
  );

  const repos = repositoriesFor(image, await readAptSources(), file);
  const loads = [];
  const resolves = [];
  let closure;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const { indexes } = await loadIndexes(repos, 'amd64', cacheDir);
    loads.push((performance.now() - t) / 1000);
    t = performance.now();
    closure = resolveClosure(packageUniverse(indexes, 'amd64'), ['python3', 'ca-certificates'], {
      exclude: new Set(image.exclude),
      leaves: new Set(['ca-certificates']),
    });
    resolves.push((performance.now() - t) / 1000);
  }
  const full = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await resolveImage(image, { file, cacheDir });
    full.push((performance.now() - t) / 1000);
  }
  console.log(`python3 closure: ${closure.packages.length} packages`);
  console.log(
    `${'load verified indexes (cached)'.padEnd(34)} ${fmt(median(loads))}  (includes InRelease fetch + gpgv)`,
  );
  console.log(`${'resolve closure from indexes'.padEnd(34)} ${fmt(median(resolves))}`);
  console.log(
    `${'resolveImage, end to end'.padEnd(34)} ${fmt(median(full))}  (target for resolution: < 1 s)`,
  );

  const ours = timed(
    'cleanroom build, warm cache',
    process.execPath,
    [cli, 'build', file, '--output', join(dir, 'python.tar')],
    3,
  );

  const mirror = repos[0].url;
  const hasMmdebstrap = spawnSync('which', ['mmdebstrap']).status === 0 && process.getuid?.() === 0;
  if (!hasMmdebstrap) console.log('mmdebstrap (root) not available: no baseline');
  else {
    const cache = join(dir, 'apt-cache');
    mkdirSync(cache);
    const names = closure.packages.map((p) => p.name).join(',');
    const args = (out, hook) => [
      '--variant=extract',
      '--mode=root',
      '--quiet',
      `--include=${names}`,
      '--skip=download/empty',
      `--setup-hook=mkdir -p "$1"/var/cache/apt/archives/`,
      `--setup-hook=sync-in ${cache} /var/cache/apt/archives/`,
      ...(hook ? [`--customize-hook=sync-out /var/cache/apt/archives ${cache}`] : []),
      'bookworm',
      out,
      // one sources.list line per suite, the repositories cleanroom used
      ...repos.flatMap((r) => r.suites.map((s) => `deb ${r.url} ${s} ${r.components.join(' ')}`)),
    ];
    const mm = args;
    timed('mmdebstrap (warm-up)', 'mmdebstrap', mm(join(dir, 'mm-warm.tar'), true), 1);
    const theirs = timed(
      'mmdebstrap --variant=extract, warm',
      'mmdebstrap',
      mm(join(dir, 'mm.tar'), false),
      3,
    );
    console.log(`ratio: mmdebstrap / cleanroom build = ${(theirs / ours).toFixed(2)}x  (mirror ${mirror})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
