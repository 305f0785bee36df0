// Benchmark of `cleanroom sbom` (`npm run bench:sbom`): the CLI as users run it on the Debian
// fixture image, against the floor of only decompressing the same layer blobs with `zcat`, both
// measured in the same run on the same machine (median of 5), so the ratio means something even
// on a busy host. Also the CLI's peak RSS. Targets (issue 2): ratio <= 1.5x, peak RSS < 200 MB.
// Wall time is the target; CPU time (user + sys) is printed beside it because on a loaded machine
// it is the steadier of the two.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = 5;
const fixtures = resolve(
  process.env.CLEANROOM_FIXTURES ?? resolve(process.cwd(), '..', 'shared', 'fixtures'),
);
const image = process.argv[2] ?? join(fixtures, 'images', 'debian-bookworm-slim.oci.tar');
const cli = resolve(import.meta.dirname, '..', 'bin', 'cleanroom.js');
// BENCH_NO_TIME=1 exercises the fallback used where /usr/bin/time is not installed
const TIME = !process.env.BENCH_NO_TIME && existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => `${s.toFixed(3)} s`;

/** Runs a command with stdout discarded; wall time, and CPU seconds and peak RSS (KB) when known. */
function measure(command, args) {
  const timed = TIME ? [TIME, ['-f', 'bench %U %S %M', command, ...args]] : [command, args];
  const t = performance.now();
  const r = spawnSync(timed[0], timed[1], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t) / 1000;
  const stderr = r.stderr?.toString() ?? '';
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${stderr}`);
  const m = /bench ([\d.]+) ([\d.]+) (\d+)/.exec(stderr) ?? /maxrss-kb (\d+)/.exec(stderr);
  if (m?.length === 4) return { wall, cpu: Number(m[1]) + Number(m[2]), rssKb: Number(m[3]) };
  return { wall, cpu: NaN, rssKb: Number(m?.[1] ?? NaN) };
}

/** Without /usr/bin/time: the CLI's main() inside a wrapper that reports its own peak RSS (KB). */
function cliCommand(args) {
  if (TIME) return [process.execPath, [cli, ...args]];
  const main = new URL('../dist/cli/main.js', import.meta.url).href;
  const code = `const { main } = await import(${JSON.stringify(main)});
process.exitCode = await main(${JSON.stringify([process.execPath, cli, ...args])});
process.stderr.write('maxrss-kb ' + process.resourceUsage().maxRSS + '\\n');`;
  return [process.execPath, ['--input-type=module', '-e', code]];
}

function series(label, command, args) {
  const runs = Array.from({ length: RUNS }, () => measure(command, args));
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const rssMb = Math.max(...runs.map((r) => r.rssKb)) / 1024;
  console.log(
    `${label.padEnd(18)} ${fmt(wall)} wall, ${fmt(cpu)} cpu  (walls: ${runs.map((r) => fmt(r.wall)).join(', ')})`,
  );
  return { wall, cpu, rssMb };
}

// Extract the layout once and find the layer blobs of the (single-platform) image it holds.
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-'));
try {
  if (spawnSync('tar', ['-xf', image, '-C', dir]).status !== 0) throw new Error(`cannot untar ${image}`);
  const blob = (digest) => join(dir, 'blobs', ...digest.split(':'));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const layers = manifest.layers.map((l) => blob(l.digest));

  console.log(
    `image: ${image} (${layers.length} layer${layers.length === 1 ? '' : 's'}), median of ${RUNS} runs`,
  );
  const floor = series('zcat of layers:', 'zcat', layers);
  const ours = series('cleanroom sbom:', ...cliCommand(['sbom', image, '--format', 'json']));
  const startup = series('(cli --version):', ...cliCommand(['--version']));
  const ratio = ours.wall / floor.wall;
  console.log(`ratio (wall):      ${ratio.toFixed(2)}x  (target <= 1.5x) ${ratio <= 1.5 ? 'ok' : 'OVER'}`);
  if (TIME)
    console.log(
      `ratio (cpu):       ${(ours.cpu / floor.cpu).toFixed(2)}x  (of which CLI start-up ${fmt(startup.cpu)} cpu)`,
    );
  console.log(
    `peak RSS:          ${ours.rssMb.toFixed(1)} MB  (target < 200 MB) ${ours.rssMb < 200 ? 'ok' : 'OVER'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
