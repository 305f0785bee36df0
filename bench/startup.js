// Benchmark of the CLI's start-up (`npm run bench:startup`): `cleanroom --version`, `--help` and a
// command's own help (which loads that command's file only), each against `node -e 0` measured in
// the same run, rounds interleaved so that a busy machine slows all of them alike. Median of RUNS
// rounds; CPU time (user + sys, the steadier figure on a busy machine) and peak RSS from
// /usr/bin/time when installed. Target (issue 23): --version and --help
// within 0.15 s (on an idle machine, where `node -e 0` takes ~0.09 s).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 21);
const cli = resolve(import.meta.dirname, '..', 'bin', 'cleanroom.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const cases = [
  ['node -e 0', ['-e', '0']],
  ['cleanroom --version', [cli, '--version']],
  ['cleanroom --help', [cli, '--help']],
  ['cleanroom sbom --help', [cli, 'sbom', '--help']],
  ['cleanroom scan --help', [cli, 'scan', '--help']],
];

function measure(args) {
  const [command, argv] = TIME
    ? [TIME, ['-f', 'rss-kb %M cpu %U %S', process.execPath, ...args]]
    : [process.execPath, args];
  const t = performance.now();
  const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /rss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(r.stderr.toString());
  return { wall, rssKb: Number(m?.[1] ?? NaN), cpu: m ? Number(m[2]) + Number(m[3]) : NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = cases.map(() => []);
for (const args of cases.map((c) => c[1])) measure(args); // warm the file cache
for (let round = 0; round < RUNS; round++) cases.forEach(([, args], i) => runs[i].push(measure(args)));

console.log(
  `median of ${RUNS} interleaved rounds${TIME ? '' : ' (/usr/bin/time absent: no CPU time, no RSS)'}`,
);
const base = median(runs[0].map((r) => r.wall));
cases.forEach(([label], i) => {
  const wall = median(runs[i].map((r) => r.wall));
  const rss = median(runs[i].map((r) => r.rssKb)) / 1024;
  const cpu = median(runs[i].map((r) => r.cpu));
  const vsNode =
    i === 0 ? 'baseline' : `${(wall / base).toFixed(2)}x node, +${((wall - base) * 1000).toFixed(0)} ms`;
  const target = i === 1 || i === 2 ? `  (target <= 0.150 s) ${wall <= 0.15 ? 'ok' : 'OVER'}` : '';
  console.log(
    `${label.padEnd(22)} ${wall.toFixed(3)} s  ${TIME ? `${cpu.toFixed(2)} s cpu  ${rss.toFixed(0)} MB  ` : ''}${vsNode}${target}`,
  );
});
