/**
 * The real tools as oracles for the property tests: `dpkg --compare-versions` and rpm's
 * `rpm.vercmp` (Debian's rpm package). Calls are batched: one shell loop for dpkg, one
 * `rpm --eval` with many lua prints for rpm, so thousands of pairs take seconds.
 */
import { spawnSync } from 'node:child_process';

/** Whether a command can be run here (the tests skip with a reason when the tool is missing). */
export function haveTool(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

const DPKG_LOOP = `while IFS=' ' read -r a b; do
  if dpkg --compare-versions -- "$a" lt "$b" 2>/dev/null; then echo -1;
  elif dpkg --compare-versions -- "$a" eq "$b" 2>/dev/null; then echo 0;
  else echo 1; fi
done`;

/** dpkg's order of each pair, -1 | 0 | 1. */
export function dpkgOrder(pairs: [string, string][]): number[] {
  const input = pairs.map(([a, b]) => `${a} ${b}\n`).join('');
  const run = spawnSync('sh', ['-c', DPKG_LOOP], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`dpkg oracle failed: ${run.stderr}`);
  return parseOrders(run.stdout.split('\n'), pairs.length);
}

/** rpm's `rpm.vercmp` of each pair (EVR-aware: epoch, version, release), -1 | 0 | 1. */
export function rpmOrder(pairs: [string, string][]): number[] {
  const out: number[] = [];
  // argument length stays well under the kernel's limit with batches of 2,000
  for (let i = 0; i < pairs.length; i += 2000) {
    const batch = pairs.slice(i, i + 2000);
    const lua = batch.map(([a, b]) => `print(rpm.vercmp("${a}","${b}").."\\n")`).join(' ');
    const run = spawnSync('rpm', ['--eval', `%{lua: ${lua}}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`rpm oracle failed: ${run.stderr}`);
    out.push(...parseOrders(run.stdout.split('\n'), batch.length));
  }
  return out;
}

function parseOrders(lines: string[], count: number): number[] {
  const orders = lines.filter((l) => l.trim() !== '').map((l) => Math.sign(Number(l.trim())));
  if (orders.length !== count || orders.some((n) => Number.isNaN(n))) {
    throw new Error(`oracle gave ${orders.length} answers for ${count} pairs`);
  }
  return orders;
}
