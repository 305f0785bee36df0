// Benchmark of `cleanroom build` (`npm run bench:build`), targets of issue 15:
// - resolving the closure of python3 from the suite's indexes: under 1 s (in process, indexes
//   already verified and cached: what a build pays once InRelease is checked);
// - building examples/build/python.yaml with a warm package cache: under 5 s (the CLI, end to end,
//   InRelease fetched and verified each time);
// against mmdebstrap extracting the same package set (its --variant=extract, the closest thing to
// what cleanroom does: no maintainer scripts) with its own warm package cache, in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'cleanroom.js');
const file = join(root, 'examples', 'build', 'python.yaml');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => `${s.toFixed(3)} s`;
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-build-'));

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

// Wall time is the target; CPU time (user + sys, children included: xz, gpgv, apt, dpkg) is printed
// beside it because on a shared, loaded machine it is the steadier of the two.
function timed(label, command, args, runs) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const [cmd, argv] = TIME ? [TIME, ['-f', 'bench %U %S', command, ...args]] : [command, args];
    const r = spawnSync(cmd, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOURCE_DATE_EPOCH: '' },
    });
    walls.push((performance.now() - t) / 1000);
    if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr}`);
    const m = /bench ([\d.]+) ([\d.]+)/.exec(r.stderr.toString());
    cpus.push(m ? Number(m[1]) + Number(m[2]) : NaN);
  }
  console.log(
    `${label.padEnd(34)} ${fmt(median(walls))} wall, ${fmt(median(cpus))} cpu  (walls: ${walls.map(fmt).join(', ')})`,
  );
  return { wall: median(walls), cpu: median(cpus) };
}

try {
  const { readImageFile } = await import('../dist/builder/image-file.js');
  const { resolveImage } = await import('../dist/builder/resolve-image.js');
  const { buildCacheDir } = await import('../dist/builder/download-cache.js');
  const { readAptSources } = await import('../dist/builder/apt-sources.js');
  const { repositoriesFor } = await import('../dist/builder/repositories.js');
  const { loadIndexes } = await import('../dist/builder/repository.js');
  const { packageUniverse } = await import('../dist/builder/package-universe.js');
  const { resolveClosure } = await import('../dist/builder/resolve.js');
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
  const resolveCpu = [];
  let closure;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const { indexes } = await loadIndexes(repos, 'amd64', cacheDir);
    loads.push((performance.now() - t) / 1000);
    t = performance.now();
    const c = process.cpuUsage();
    closure = resolveClosure(packageUniverse(indexes, 'amd64'), ['python3', 'ca-certificates'], {
      exclude: new Set(image.exclude),
      leaves: new Set(['ca-certificates']),
    });
    resolves.push((performance.now() - t) / 1000);
    const d = process.cpuUsage(c);
    resolveCpu.push((d.user + d.system) / 1e6);
  }
  const full = [];
  const fullCpu = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await resolveImage(image, { file, cacheDir });
    full.push((performance.now() - t) / 1000);
    const d = process.cpuUsage(c);
    fullCpu.push((d.user + d.system) / 1e6);
  }
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`python3 closure: ${closure.packages.length} packages`);
  console.log(
    `${'load verified indexes (cached)'.padEnd(34)} ${fmt(median(loads))}  (includes InRelease fetch + gpgv)`,
  );
  console.log(
    `${'resolve closure from indexes'.padEnd(34)} ${fmt(median(resolves))} wall, ${fmt(median(resolveCpu))} cpu`,
  );
  console.log(
    `${'resolveImage, end to end'.padEnd(34)} ${fmt(median(full))} wall, ${fmt(median(fullCpu))} cpu of the main thread (target: < 1 s)`,
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
    console.log(
      `ratio: mmdebstrap / cleanroom build = ${(theirs.wall / ours.wall).toFixed(2)}x wall, ` +
        `${(theirs.cpu / ours.cpu).toFixed(2)}x cpu  (mirror ${mirror})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
