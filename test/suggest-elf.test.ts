/**
 * `cleanroom suggest` where no package names the program, so the ELF files must: on a Debian
 * minbase image (make-debian-image.sh) with the libraries a CPython links,
 * - CPython in /usr/local (as the official python:*-slim images have it), made here from Debian's
 *   own python3.11 files copied into /usr/local in a new layer: the closure is found through the
 *   interpreter's and its extension modules' DT_NEEDED, and the check passes;
 * - a static Go program built here with Debian's golang: the suggestion is the static base
 *   (tzdata, netbase, CA certificates) plus the program, and the check passes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_CACHE_HOME, runCliEnv } from './build-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';
import { canSuggest, debianImage, withApplication } from './suggest-helpers.js';

const tmp = tempDir('cleanroom-suggest-elf-');
afterAll(tmp.cleanup);
const hasPython = existsSync('/usr/bin/python3.11') && existsSync('/usr/lib/python3.11/os.py');
const hasGo = spawnSync('go', ['version']).status === 0;

interface SuggestJson {
  packages: { name: string; declared: boolean; reasons: string[] }[];
  check?: { exitCode: number; stdout: string; uid: number };
  isStatic: boolean;
  leftOut: string[];
  proof: { original: { packages: number }; suggested: { packages: number } };
}

const suggest = (args: string[]) => runCliEnv(['suggest', ...args], { XDG_CACHE_HOME: BUILD_CACHE_HOME });

describe.skipIf(!canSuggest)('cleanroom suggest through ELF files', () => {
  const base = join(tmp.dir, 'debian');

  beforeAll(() => {
    debianImage(base, 'bookworm', 'libssl3,libsqlite3-0,libffi8,libexpat1,ca-certificates');
  }, 900_000);

  it.skipIf(!hasPython)(
    'finds the closure of a CPython built into /usr/local, and the check passes',
    async () => {
      const files = join(tmp.dir, 'local');
      mkdirSync(join(files, 'usr/local/bin'), { recursive: true });
      mkdirSync(join(files, 'usr/local/lib'), { recursive: true });
      mkdirSync(join(files, 'app'));
      cpSync('/usr/bin/python3.11', join(files, 'usr/local/bin/python3.11'));
      symlinkSync('python3.11', join(files, 'usr/local/bin/python3'));
      execFileSync('bash', [
        '-c',
        `tar -C /usr/lib -c --exclude=__pycache__ --exclude=python3.11/test --exclude=python3.11/idlelib --exclude=python3.11/tkinter python3.11 | tar -C ${join(files, 'usr/local/lib')} -x`,
      ]);
      writeFileSync(
        join(files, 'app', 'main.py'),
        'import json, ssl, sqlite3\nprint(json.dumps([ssl.OPENSSL_VERSION, sqlite3.sqlite_version]))\n',
      );
      const image = withApplication(base, files, join(tmp.dir, 'local.oci.tar'), {
        entrypoint: ['/usr/local/bin/python3', '/app/main.py'],
        env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'],
      });
      const run = await suggest([
        image,
        '--output',
        join(tmp.dir, 'local-out'),
        '--db',
        join(tmp.dir, 'no.db'),
        '--check',
        'python3 /app/main.py',
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as SuggestJson;
      expect(result.check!.stdout).toMatch(/^\["OpenSSL 3\.[^"]+", "3\.\d+\.\d+"\]\n$/);
      const declared = new Map(result.packages.filter((p) => p.declared).map((p) => [p.name, p.reasons]));
      expect([...declared.keys()]).toEqual(
        expect.arrayContaining(['libc6', 'libssl3', 'libsqlite3-0', 'libexpat1']),
      );
      expect(declared.get('libssl3')!.join('\n')).toMatch(
        /lib-dynload\/_(ssl|hashlib)\..*needs libcrypto\.so\.3|needs libssl\.so\.3/,
      );
      // no Debian python package: the interpreter is the application's own
      expect(result.packages.map((p) => p.name).filter((n) => n.startsWith('python3'))).toEqual([]);
      expect(result.packages.map((p) => p.name)).not.toContain('dash');
      expect(result.proof.suggested.packages).toBeLessThan(result.proof.original.packages);
    },
    900_000,
  );

  it.skipIf(!hasGo)(
    'suggests the static base plus a static Go program, and the check passes',
    async () => {
      const src = join(tmp.dir, 'go');
      mkdirSync(src);
      writeFileSync(
        join(src, 'main.go'),
        'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() { fmt.Println("hello from uid", os.Getuid()) }\n',
      );
      const files = join(tmp.dir, 'go-files');
      mkdirSync(join(files, 'app'), { recursive: true });
      execFileSync('go', ['build', '-o', join(files, 'app', 'hello'), 'main.go'], {
        cwd: src,
        env: {
          ...process.env,
          CGO_ENABLED: '0',
          GOPROXY: 'off',
          GOTOOLCHAIN: 'local',
          GO111MODULE: 'off',
          GOCACHE: join(tmp.dir, 'gocache'),
          HOME: tmp.dir,
        },
      });
      chmodSync(join(files, 'app', 'hello'), 0o755);
      const image = withApplication(base, files, join(tmp.dir, 'go.oci.tar'), { entrypoint: ['/app/hello'] });
      const run = await suggest([
        image,
        '--output',
        join(tmp.dir, 'go-out'),
        '--db',
        join(tmp.dir, 'no.db'),
        '--check',
        '/app/hello',
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as SuggestJson;
      expect(result.isStatic).toBe(true);
      expect(result.check!.stdout).toBe('hello from uid 65532\n');
      expect(
        result.packages
          .filter((p) => p.declared)
          .map((p) => p.name)
          .sort(),
      ).toEqual(['netbase', 'tzdata']);
      expect(result.packages.map((p) => p.name)).toEqual(expect.arrayContaining(['ca-certificates']));
      expect(result.packages.map((p) => p.name)).not.toContain('libc6');

      // --track records both images, so compare shows them side by side from that day
      const db = await buildDb(
        tmp.dir,
        [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }],
        'debian.db',
      );
      const store = join(tmp.dir, 'history.db');
      const tracked = await suggest([
        image,
        '--output',
        join(tmp.dir, 'go-tracked'),
        '--db',
        db,
        '--store',
        store,
        '--track',
        'hello:1',
      ]);
      expect(tracked.stderr).toBe('');
      expect(tracked.code).toBe(0);
      expect(tracked.stdout).toMatch(/tracked .* as hello:1 and the suggestion as hello:1-cleanroom/);
      const compare = await runCliEnv(
        ['compare', 'hello:1', 'hello:1-cleanroom', '--store', store, '--db', db, '--format', 'json'],
        {},
      );
      expect(compare.stderr).toBe('');
      expect(compare.code).toBe(0);
      const images = (
        JSON.parse(compare.stdout) as { images: { image: string; tag: string; latest: unknown }[] }
      ).images;
      expect(images.map((i) => `${i.image}:${i.tag}`)).toEqual(['hello:1', 'hello:1-cleanroom']);
      expect(images.every((i) => i.latest !== null)).toBe(true);
    },
    900_000,
  );
});
