/**
 * `cleanroom suggest` of a real Debian image (make-debian-image.sh with python3 and
 * python3-requests) plus an application layer (/app/main.py importing requests and ssl,
 * entrypoint `python3 /app/main.py`): the suggestion runs the check as a non-root uid, has fewer
 * packages and no shell, apt or dpkg, and its findings are a subset of the original's on the same
 * DB. In the same image, a program that loads a library only through dlopen with a computed name
 * (ctypes): without --check the output warns that dynamic loading was not analysed; with --check
 * the command fails, and suggest exits 1 naming the command and its stderr.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_CACHE_HOME, runCliEnv, unpackRoot } from './build-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';
import { canSuggest, debianImage, withApplication } from './suggest-helpers.js';

const tmp = tempDir('cleanroom-suggest-python-');
afterAll(tmp.cleanup);

interface SuggestJson {
  packages: { name: string; declared: boolean; reasons: string[] }[];
  user: { uid: number; runsAsRoot: boolean };
  check?: { exitCode: number; stdout: string; uid: number };
  proof: {
    original: { packages: number; today: { total: number; ids: string[] } };
    suggested: { packages: number; today: { total: number; ids: string[] } };
    subset: boolean;
    span: string;
    avoided: { today: { cves: number; hours: number; money: number } };
  };
  notes: string[];
  files: { imageFile: string; image: string };
  explain?: string[];
}

const suggest = (args: string[]) => runCliEnv(['suggest', ...args], { XDG_CACHE_HOME: BUILD_CACHE_HOME });

describe.skipIf(!canSuggest)('cleanroom suggest of a Debian python3 + requests image', () => {
  const image = join(tmp.dir, 'app.oci.tar');
  const plugin = join(tmp.dir, 'plugin.oci.tar');
  let db: string;
  let result: SuggestJson;
  let stderr = '';

  beforeAll(async () => {
    const base = join(tmp.dir, 'debian');
    debianImage(base, 'bookworm', 'python3,python3-requests');
    const app = join(tmp.dir, 'app');
    mkdirSync(join(app, 'app'), { recursive: true });
    writeFileSync(
      join(app, 'app', 'main.py'),
      'import ssl\nimport requests\n\nctx = ssl.create_default_context()\nprint("requests", requests.__version__, ssl.OPENSSL_VERSION)\n',
    );
    // loads GnuTLS (there for apt in the original) by a name made at run time: no import, no DT_NEEDED
    writeFileSync(
      join(app, 'app', 'plugin.py'),
      'import ctypes\nname = "libgnutls.so." + str(6 * 5)\nctypes.CDLL(name)\nprint("loaded", name)\n',
    );
    withApplication(base, app, image, { entrypoint: ['python3', '/app/main.py'] });
    withApplication(base, app, plugin, { entrypoint: ['python3', '/app/plugin.py'] });
    db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }], 'debian.db');
    const run = await suggest([
      image,
      '--output',
      join(tmp.dir, 'out'),
      '--db',
      db,
      '--check',
      'python3 /app/main.py',
      '--explain',
      'libssl3',
      '--format',
      'json',
    ]);
    stderr = run.stderr;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    result = JSON.parse(run.stdout) as SuggestJson;
  }, 900_000);

  it('runs the check as a non-root uid, and says the original ran as root', () => {
    expect(stderr).toBe('');
    expect(result.check).toMatchObject({ exitCode: 0, uid: 65532 });
    expect(result.check!.stdout).toMatch(/^requests \S+ OpenSSL 3\./);
    expect(result.user).toMatchObject({ uid: 65532, runsAsRoot: true });
    expect(result.notes.join('\n')).toMatch(/the original runs as root; the suggestion runs as nonroot/);
  });

  it('finds the interpreter and the imports, and explains why libssl3 is in', () => {
    const declared = result.packages.filter((p) => p.declared).map((p) => p.name);
    expect(declared).toEqual(expect.arrayContaining(['python3-minimal', 'python3-requests']));
    expect(result.explain!.join('\n')).toMatch(/libssl3/);
    expect(readFileSync(result.files.imageFile, 'utf8')).toMatch(
      /- python3-requests # \/app\/main\.py imports requests/,
    );
  });

  it('has fewer packages and no shell, apt or dpkg', () => {
    expect(result.proof.suggested.packages).toBeLessThan(result.proof.original.packages);
    const root = join(tmp.dir, 'root');
    unpackRoot(result.files.image, root);
    for (const bin of ['sh', 'bash', 'dash', 'apt', 'apt-get', 'dpkg'])
      for (const dir of ['bin', 'usr/bin', 'sbin', 'usr/sbin'])
        expect(existsSync(join(root, dir, bin)), `${dir}/${bin}`).toBe(false);
    expect(result.packages.map((p) => p.name)).not.toContain('dash');
  });

  it('has findings that are a subset of the original’s on the same DB, and values the difference', () => {
    expect(result.proof.original.today.total).toBeGreaterThan(0);
    expect(result.proof.subset).toBe(true);
    const original = new Set(result.proof.original.today.ids);
    for (const id of result.proof.suggested.today.ids) expect(original.has(id), id).toBe(true);
    const avoided = result.proof.original.today.total - result.proof.suggested.today.total;
    expect(result.proof.avoided.today).toEqual({ cves: avoided, hours: avoided * 3, money: avoided * 300 });
  });

  it('warns that dynamic loading was not analysed when there is no --check', async () => {
    const run = await suggest([plugin, '--output', join(tmp.dir, 'plugin-out'), '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dynamic loading was not analysed/);
    expect(run.stdout).toMatch(/--check/);
  }, 600_000);

  it('exits 1 naming the command and its stderr when the check fails (a dlopen with a computed name)', async () => {
    const run = await suggest([
      plugin,
      '--output',
      join(tmp.dir, 'plugin-checked'),
      '--db',
      db,
      '--check',
      'python3 /app/plugin.py',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the check "python3 \/app\/plugin\.py" exited 1/);
    expect(run.stderr).toMatch(/libgnutls\.so\.30: cannot open shared object file/);
  }, 600_000);
});
