/**
 * `npm run demo` is the README's first command: `cleanroom demo` builds its store from the bundled
 * examples with no network at all (run in a network namespace of its own where the machine allows
 * one), reuses it on the next run, serves the console and the API over it, and stops cleanly on
 * Ctrl-C (run `npm run build` first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { history } from '../src/index.js';
import { getJson } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/cleanroom.js');
const tmp = tempDir('cleanroom-demo-');
afterAll(() => tmp.cleanup());

// a user and network namespace with nothing but a loopback that is down: no network whatsoever
const noNetwork = spawnSync('unshare', ['-rn', 'true']).status === 0;

function demoNoServe(dir: string, isolated: boolean) {
  const argv = [process.execPath, BIN, 'demo', '--dir', dir, '--no-serve'];
  const r = isolated
    ? spawnSync('unshare', ['-rn', ...argv], { encoding: 'utf8' })
    : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { store: string; db: string; reused: boolean };
}

describe('cleanroom demo', () => {
  const dir = join(tmp.dir, 'demo');

  it('builds the store offline from the bundled examples, then reuses it', async () => {
    if (!noNetwork) console.warn('unshare -rn is not allowed here: the demo runs with the network up');
    const first = demoNoServe(dir, noNetwork);
    expect(first.reused).toBe(false);
    // every tag tracked at its real dates: the observations are the bundled SBOMs
    const wolfi = await history('cgr.dev/chainguard/python:latest', {
      store: first.store,
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(wolfi.points.filter((p) => p.kind === 'observed').length).toBeGreaterThan(50);
    const debian = await history('debian/python:bookworm', {
      store: first.store,
      db: first.db,
      from: '2024-01-01',
      to: '2024-12-31',
      replay: true,
    });
    expect(debian.points).toHaveLength(366);
    // cleanroom's own image, at the date of its recorded SBOM
    const self = await history('cleanroom:0.1.0', {
      store: first.store,
      from: '2026-12-07',
      to: '2026-12-07',
    });
    expect(self.points.map((p) => p.kind)).toEqual(['observed']);
    const second = demoNoServe(dir, false);
    expect(second).toEqual({ ...first, reused: true });
  }, 300_000);

  it('serves the console and the API over it, and Ctrl-C stops it with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--dir', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let out = '';
    const url = await new Promise<string>((ok, fail) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Open (http:\/\/\S+?)\/ in a browser/.exec(out);
        if (m) ok(m[1]!);
      });
      void exited.then((code) => fail(new Error(`demo exited ${code}`)));
    });
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root"');
    const images = (await getJson(`${url}/api/images`)).body as { images: { name: string }[] };
    expect(images.images.map((i) => i.name).sort()).toEqual([
      'alpine',
      'cgr.dev/chainguard/python',
      'cleanroom',
      'debian/python',
    ]);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
});
