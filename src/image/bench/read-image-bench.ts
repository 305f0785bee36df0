/**
 * Measures the layer reader against its floor: the time of only decompressing the same layer blobs
 * with `zcat`, in the same run. Usage: `npx tsx src/image/bench/read-image-bench.ts [IMAGE] [RUNS]`
 * (default: the Debian fixture, 3 runs). Prints median wall and CPU times, the ratio, and the peak
 * RSS of the reading process. A measurement, not a test: the machine's load decides the numbers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { fixture } from '../../../test/fixtures.js';
import { openSource } from '../sources.js';
import { readImage } from '../reader/read-image.js';

const WANTED =
  /^\/(etc\/os-release|usr\/lib\/os-release|var\/lib\/dpkg\/status|lib\/apk\/db\/installed)$|\.dist-info\/METADATA$/;

interface Timing {
  wallMs: number;
  cpuMs: number;
  maxRssMb?: number;
}

/** One readImage in this process: the child side of the benchmark. */
async function measureRead(reference: string): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const source = await openSource(reference);
  const { view } = await readImage(source, (p) => WANTED.test(p));
  await view.stat('/etc/os-release');
  await source.close();
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** `zcat` of every blob, timed by /usr/bin/time. */
function measureZcat(blobs: string[]): Timing {
  const out = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S', 'sh', '-c', `zcat ${blobs.map((b) => `'${b}'`).join(' ')} > /dev/null`],
    { encoding: 'utf8' },
  );
  const [wall, user, sys] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wallMs: (wall ?? 0) * 1000, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    process.stdout.write(JSON.stringify(await measureRead(process.argv[3] ?? '')));
    return;
  }
  const reference = process.argv[2] || fixture('images', 'debian-bookworm-slim.oci.tar');
  const runs = Number(process.argv[3] || 3);
  const tmp = await mkdtemp(join(tmpdir(), 'cleanroom-bench-'));
  try {
    // The blobs as files for zcat (not timed): written through the source itself.
    const source = await openSource(reference);
    if (source.kind !== 'image') throw new Error(`${reference} is a folder: nothing to decompress`);
    const blobs: string[] = [];
    for (const [i, layer] of source.layers.entries()) {
      const file = join(tmp, `layer-${i}`);
      await pipeline(await layer.open(), createWriteStream(file));
      blobs.push(file);
    }
    await source.close();
    const zcat: Timing[] = [];
    const reads: Timing[] = [];
    for (let i = 0; i < runs; i++) {
      zcat.push(measureZcat(blobs));
      const child = execFileSync(
        process.execPath,
        ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', reference],
        { encoding: 'utf8' },
      );
      reads.push(JSON.parse(child) as Timing);
    }
    const z = { wall: median(zcat.map((t) => t.wallMs)), cpu: median(zcat.map((t) => t.cpuMs)) };
    const r = {
      wall: median(reads.map((t) => t.wallMs)),
      cpu: median(reads.map((t) => t.cpuMs)),
      rss: Math.max(...reads.map((t) => t.maxRssMb ?? 0)),
    };
    console.log(`image: ${reference} (${runs} runs, medians)`);
    console.log(`zcat of layer blobs: wall ${z.wall.toFixed(0)} ms, cpu ${z.cpu.toFixed(0)} ms`);
    console.log(
      `readImage:           wall ${r.wall.toFixed(0)} ms, cpu ${r.cpu.toFixed(0)} ms, peak RSS ${r.rss.toFixed(0)} MB`,
    );
    console.log(
      `ratio readImage/zcat: wall ${(r.wall / z.wall).toFixed(2)}x, cpu ${(r.cpu / z.cpu).toFixed(2)}x`,
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
