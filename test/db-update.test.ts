import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { main } from '../src/cli/main.js';
import { startFeedMirror } from './db-http-server.test-helper.js';
import type { FeedMirror } from './db-http-server.test-helper.js';
import { fixture } from './fixtures.js';

const OSV = '/osv/GO-2020-0001.json';
const ALPINE = '/alpine/v3.9/main.yaml';

interface OsvRaw {
  id: string;
  affected: { package: { ecosystem: string; name: string } }[];
}

let dir: string;
let mirror: FeedMirror;
let db: string;

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    process.exitCode = undefined;
    const code = await main(['node', 'cleanroom', ...args]);
    return { code, stderr: spy.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    spy.mockRestore();
  }
}
const update = () =>
  cli(
    'db',
    'update',
    '--db',
    db,
    '--source',
    `osv=${mirror.url(OSV)}`,
    '--source',
    `alpine-secdb=${mirror.url(ALPINE)}`,
  );
const served = (path: string) => mirror.log.filter((l) => l.path === path);

async function osvPackages(path: string, id: string): Promise<string[]> {
  const reader = await openAdvisoryDb(path);
  try {
    const rows = await reader.affected('Go', ['github.com/gin-gonic/gin', 'example.com/renamed']);
    return rows
      .filter((r) => r.advisoryId === id)
      .map((r) => r.package)
      .sort();
  } finally {
    await reader.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-update-'));
  process.env.XDG_CACHE_HOME = join(dir, 'cache');
  db = join(dir, 'data', 'advisory.db');
  mirror = await startFeedMirror();
  mirror.files.set(OSV, await readFile(fixture('osv', 'go', 'GO-2020-0001.json')));
  mirror.files.set(ALPINE, await readFile(fixture('alpine-secdb', 'v3.9', 'main.yaml')));
});
afterAll(async () => {
  await mirror.close();
  await rm(dir, { recursive: true, force: true });
});

describe('db update against a mirror on 127.0.0.1', () => {
  it('downloads every feed the first time and builds the DB', async () => {
    const raw = JSON.parse(mirror.files.get(OSV)!.toString()) as OsvRaw;
    const { code, stderr } = await update();
    expect(stderr).toMatch(/updated .*advisory\.db/);
    expect(code).toBe(0);
    expect(served(OSV).map((s) => s.status)).toEqual([200]);
    expect(served(ALPINE).map((s) => s.status)).toEqual([200]);
    const expected = raw.affected.filter((a) => a.package.ecosystem === 'Go').map((a) => a.package.name);
    expect(await osvPackages(db, raw.id)).toEqual(expected.sort());
    // the Alpine branch: every secfix of ansible in the raw YAML is in the DB
    const yaml = parse(mirror.files.get(ALPINE)!.toString()) as {
      packages: { pkg: { name: string; secfixes: Record<string, string[]> } }[];
    };
    const ansible = yaml.packages.find((p) => p.pkg.name === 'ansible')!.pkg.secfixes;
    const reader = await openAdvisoryDb(db);
    const rows = await reader.affected('Alpine:v3.9', ['ansible']);
    await reader.close();
    const cve = Object.entries(ansible).flatMap(([v, ids]) =>
      ids.filter((i) => /^CVE-\d+-\d+$/.test(i)).map((i) => [i, v]),
    );
    for (const [id, version] of cve)
      expect(rows).toContainEqual(expect.objectContaining({ vulnerability: id, fixedVersion: version }));
  });

  it('gets a 304 for both files the second time, transfers no body and keeps the DB', async () => {
    const before = (await stat(db)).mtimeMs;
    const { code, stderr } = await update();
    expect(code).toBe(0);
    expect(stderr).toMatch(/up to date/);
    expect(served(OSV).at(-1)).toMatchObject({ status: 304, bytes: 0 });
    expect(served(ALPINE).at(-1)).toMatchObject({ status: 304, bytes: 0 });
    expect((await stat(db)).mtimeMs).toBe(before);
  });

  it('picks up a changed file', async () => {
    const raw = JSON.parse(mirror.files.get(OSV)!.toString()) as OsvRaw;
    raw.affected[0]!.package.name = 'example.com/renamed';
    mirror.files.set(OSV, Buffer.from(JSON.stringify(raw)));
    const { code } = await update();
    expect(code).toBe(0);
    expect(served(OSV).at(-1)?.status).toBe(200);
    expect(served(ALPINE).at(-1)?.status).toBe(304);
    expect(await osvPackages(db, raw.id)).toContain('example.com/renamed');
  });

  it('keeps the previous DB intact and usable when a download is cut halfway, exit 2', async () => {
    const dbBefore = await readFile(db);
    const packagesBefore = await osvPackages(db, 'GO-2020-0001');
    const yaml = mirror.files.get(ALPINE)!.toString();
    mirror.files.set(ALPINE, Buffer.from(yaml.replace('2.7.13-r0', '2.7.14-r0')));
    mirror.cut.add(ALPINE);
    const { code, stderr } = await update();
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^cleanroom: cannot download http:\/\/127\.0\.0\.1:\d+\/alpine\/v3\.9\/main\.yaml after 3 attempts/,
    );
    expect((await readFile(db)).equals(dbBefore)).toBe(true);
    expect(await osvPackages(db, 'GO-2020-0001')).toEqual(packagesBefore);
  });

  it('resumes the cut download with Range and completes it', async () => {
    mirror.cut.clear();
    const size = mirror.files.get(ALPINE)!.length;
    const { code } = await update();
    expect(code).toBe(0);
    const last = served(ALPINE).at(-1)!;
    expect(last.status).toBe(206);
    expect(last.range).toMatch(/^bytes=\d+-$/);
    expect(last.bytes).toBeLessThan(size / 2);
    const reader = await openAdvisoryDb(db);
    const rows = await reader.affected('Alpine:v3.9', ['ansible']);
    await reader.close();
    expect(rows.map((r) => r.fixedVersion)).toContain('2.7.14-r0');
  });

  it('checks the sha256 the server publishes beside a file', async () => {
    const dbBefore = await readFile(db);
    const raw = JSON.parse(mirror.files.get(OSV)!.toString()) as OsvRaw;
    raw.affected[0]!.package.name = 'github.com/gin-gonic/gin';
    const body = Buffer.from(JSON.stringify(raw));
    mirror.files.set(OSV, body);
    mirror.files.set(`${OSV}.sha256`, Buffer.from(`${'0'.repeat(64)}  GO-2020-0001.json\n`));
    const bad = await update();
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/GO-2020-0001\.json does not match its published sha256/);
    expect((await readFile(db)).equals(dbBefore)).toBe(true);
    mirror.files.set(
      `${OSV}.sha256`,
      Buffer.from(`${createHash('sha256').update(body).digest('hex')}  GO-2020-0001.json\n`),
    );
    const good = await update();
    expect(good.code).toBe(0);
    expect(await osvPackages(db, raw.id)).toContain('github.com/gin-gonic/gin');
    mirror.files.delete(`${OSV}.sha256`);
  });

  it('fails with exit 2 and leaves the DB untouched when a feed cannot be read at all', async () => {
    const dbBefore = await readFile(db);
    mirror.files.set(OSV, Buffer.from('this is not an OSV record'));
    const { code, stderr } = await update();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cleanroom: .*GO-2020-0001\.json.*OSV/);
    expect((await readFile(db)).equals(dbBefore)).toBe(true);
    const missing = await cli('db', 'build', '--source', `osv=${join(dir, 'nope')}`, '--out', db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    expect((await readFile(db)).equals(dbBefore)).toBe(true);
  });
});
