/**
 * The real tools as oracles for the property tests: `dpkg --compare-versions` and rpm's
 * `rpm.vercmp` (Debian's rpm package). Calls are batched: one shell loop for dpkg, one
 * `rpm --eval` with many lua prints for rpm, so thousands of pairs take seconds.
 */
import { spawn, spawnSync } from 'node:child_process';

/** Whether a command can be run here (the tests skip with a reason when the tool is missing). */
export function haveTool(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

// exit status 0 = true, 1 = false, anything else = dpkg refused the version: reported as "E"
const DPKG_LOOP = `while IFS=' ' read -r a b; do
  dpkg --compare-versions -- "$a" lt "$b" 2>/dev/null; r=$?
  if [ $r -eq 0 ]; then echo -1; continue; fi
  if [ $r -eq 1 ]; then dpkg --compare-versions -- "$a" eq "$b" 2>/dev/null; r=$?; fi
  if [ $r -eq 0 ]; then echo 0; elif [ $r -eq 1 ]; then echo 1; else echo E; fi
done`;

/** dpkg's order of each pair, -1 | 0 | 1, in a few shell loops run side by side. */
export async function dpkgOrder(pairs: [string, string][], workers = 4): Promise<number[]> {
  const size = Math.ceil(pairs.length / workers);
  const chunks: [string, string][][] = [];
  for (let i = 0; i < pairs.length; i += size) chunks.push(pairs.slice(i, i + size));
  const outs = await Promise.all(chunks.map(runDpkgLoop));
  return outs.flatMap((out, k) => parseOrders(out.split('\n'), chunks[k]!.length));
}

function runDpkgLoop(pairs: [string, string][]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', DPKG_LOOP], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`dpkg oracle exited ${code}`)),
    );
    child.stdin.end(pairs.map(([a, b]) => `${a} ${b}\n`).join(''));
  });
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
