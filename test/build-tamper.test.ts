/**
 * Nothing unverified enters an image: a local copy of the mirror files a small build needs (taken
 * from the mirror this machine's apt sources name) is served on 127.0.0.1, and each file in turn
 * (InRelease, the Packages index, every .deb) is served with one byte changed. Each time the build
 * refuses with one sentence naming that file, and writes nothing.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAptSources } from '../src/builder/apt-sources.js';
import { canBuild, imageFile, runBuild } from './build-helpers.js';
import { freePort } from './free-port.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-build-tamper-');
afterAll(tmp.cleanup);

describe.skipIf(!canBuild)('cleanroom build against a tampered mirror', () => {
  const copy = new Map<string, Buffer>();
  let tampered: string | undefined;
  let server: Server;
  let file: string;
  let upstream: string;

  beforeAll(async () => {
    const source = (await readAptSources()).find((s) => s.suites.includes('bookworm'));
    if (!source) throw new Error('no bookworm source in /etc/apt');
    upstream = source.uri;
    const port = await freePort();
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      void (async () => {
        if (!copy.has(path)) {
          const response = await fetch(`${upstream}${path.replace(/^\/debian/, '')}`);
          if (!response.ok) return res.writeHead(404).end();
          copy.set(path, Buffer.from(await response.arrayBuffer()));
        }
        const data = Buffer.from(copy.get(path)!);
        if (path === tampered) data[data.length >> 1] = data[data.length >> 1]! ^ 0x20;
        res.writeHead(200, { 'content-length': data.length }).end(data);
      })().catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    file = imageFile(
      tmp.dir,
      'zlib.yaml',
      `repositories:\n  - url: http://127.0.0.1:${port}/debian\n    suites: [bookworm]\npackages: [zlib1g]\n`,
    );
    // an untampered build through the copy fills it with every file the build needs
    const out = join(tmp.dir, 'ok');
    mkdirSync(out);
    const run = await runBuild([file, '--output', join(out, 'zlib.oci.tar')], {}, join(tmp.dir, 'cache-ok'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 300_000);
  afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

  it('fetched InRelease, the Packages index and the packages through the copy', () => {
    const paths = [...copy.keys()];
    expect(paths).toContain('/debian/dists/bookworm/InRelease');
    expect(paths).toContain('/debian/dists/bookworm/main/binary-amd64/Packages.xz');
    expect(paths.filter((p) => p.endsWith('.deb')).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses each tampered file with one sentence naming it, and writes nothing', async () => {
    const targets = [...copy.keys()].sort();
    for (const [n, path] of targets.entries()) {
      tampered = path;
      const out = join(tmp.dir, `t${n}`);
      mkdirSync(out);
      const run = await runBuild(
        [file, '--output', join(out, 'zlib.oci.tar'), '--lock', join(out, 'zlib.lock')],
        {},
        join(tmp.dir, `cache-${n}`),
      );
      expect(run.code, path).toBe(2);
      const message = run.stderr.trim();
      expect(message.split('\n'), path).toHaveLength(1);
      expect(message, path).toContain(path.split('/').pop()!);
      expect(readdirSync(out), path).toEqual([]);
    }
    tampered = undefined;
  }, 600_000);
});
