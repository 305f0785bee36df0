/**
 * The minimal python image against the Debian image make-debian-image.sh builds with python3
 * (mmdebstrap minbase + python3): fewer than half the packages, and, scanned with one advisory DB
 * (the real Debian OSV records of the shared fixtures), findings that are a subset of the other
 * image's. Like for like: the script takes the first mirror of the apt sources and the suite alone
 * (no -updates, no -security), so the python example is built here from that same repository; from
 * all the machine's sources it would carry the security fixes and, that day, no finding at all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAptSources } from '../src/builder/apt-sources.js';
import {
  canBuild,
  example,
  imageFile,
  isRoot,
  lockedPackages,
  runBuild,
  runCliEnv,
} from './build-helpers.js';
import { fixture, fixturesDir } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const script = resolve(fixturesDir(), '..', 'scripts', 'make-debian-image.sh');
const tools = ['mmdebstrap', 'umoci'].every((t) => spawnSync('which', [t]).status === 0);
const tmp = tempDir('cleanroom-build-compare-');
afterAll(tmp.cleanup);

interface ScanJson {
  findings: { vulnerability: string; package: { name: string; version: string } }[];
}

describe.skipIf(!canBuild || !tools || !isRoot || !existsSync(script))(
  'minimal python image against Debian with python3',
  () => {
    const minimal = join(tmp.dir, 'min', 'python.oci.tar');
    const lock = join(tmp.dir, 'min', 'python.lock');
    const debian = join(tmp.dir, 'debian');
    let db: string;

    beforeAll(async () => {
      mkdirSync(join(tmp.dir, 'min'));
      const mirror = (await readAptSources()).find((s) => s.suites.includes('bookworm'))!.uri;
      const file = imageFile(
        tmp.dir,
        'python-bookworm-only.yaml',
        `${readFileSync(example('python.yaml'), 'utf8')}\nrepositories:\n  - url: ${mirror}\n    suites: [bookworm]\n`,
      );
      const [run] = await Promise.all([
        runBuild([file, '--output', minimal, '--lock', lock]),
        new Promise<void>((ok, ko) => {
          try {
            execFileSync('bash', [script, debian, 'bookworm', 'python3'], {
              stdio: 'pipe',
              timeout: 900_000,
            });
            ok();
          } catch (err) {
            ko(err as Error);
          }
        }),
      ]);
      expect(run.code).toBe(0);
      db = await buildDb(
        tmp.dir,
        [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }],
        'debian-osv.db',
      );
    }, 960_000);

    it('has fewer than half the packages', () => {
      const full = readFileSync(join(debian, 'packages.tsv'), 'utf8').trim().split('\n');
      const ours = lockedPackages(lock);
      expect(full.some((l) => l.startsWith('python3\t'))).toBe(true);
      expect(ours.length).toBeLessThan(full.length / 2);
    });

    it('has findings that are a subset of the Debian image’s, with the same DB', async () => {
      const scan = async (image: string) => {
        const run = await runCliEnv(['scan', image, '--db', db, '--format', 'json'], {});
        expect(run.code, run.stderr).toBe(0);
        const result = JSON.parse(run.stdout) as ScanJson;
        return new Set(
          result.findings.map((f) => `${f.vulnerability} ${f.package.name} ${f.package.version}`),
        );
      };
      const [ours, theirs] = await Promise.all([scan(minimal), scan(join(debian, 'image.oci.tar'))]);
      expect(ours.size).toBeGreaterThan(0);
      expect([...ours].filter((f) => !theirs.has(f))).toEqual([]);
      expect(ours.size).toBeLessThan(theirs.size);
    }, 300_000);
  },
);
