/**
 * `db push` / `db update --from` against Debian's docker-registry on 127.0.0.1: the pulled DB is
 * the pushed file byte for byte; a tampered artifact (blob or manifest bytes changed in the
 * registry's storage, or a manifest that states another DB digest) is refused in one sentence
 * naming the reference and the old DB stays as it was; a missing reference exits 2.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { advisoryItem, itemsFeed, writeItems } from '../src/advisory/db/items-feed.test-helper.js';
import { digestOf } from '../src/image/registry/client.js';
import {
  pushBlob,
  pushManifest,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import { cli } from './cli-in-process.js';

const run = promisify(execFile);
let registry: TestRegistry;
let dir: string;
let db: string;

const blobFile = (digest: string) =>
  join(registry.dir, 'data/docker/registry/v2/blobs/sha256', digest.slice(7, 9), digest.slice(7), 'data');

async function inspect(ref: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function build(out: string, ids: string[]): Promise<void> {
  const source = join(dir, 'osv.items.jsonl');
  await writeItems(
    source,
    ids.map((id) =>
      advisoryItem({
        id,
        affected: [{ ecosystem: 'npm', package: 'left-pad', ranges: [], fixState: 'not-fixed' }],
      }),
    ),
  );
  await buildAdvisoryDb({
    sources: [{ path: source }],
    out,
    feeds: new Map([['osv', itemsFeed('osv')]]),
    now: '2024-01-01T00:00:00.000Z',
  });
}

beforeAll(async () => {
  registry = await startRegistry();
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-db-artifact-'));
  db = join(dir, 'advisory.db');
  await build(db, ['CVE-2024-7', 'CVE-2024-8']);
});
afterAll(async () => {
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('db push', () => {
  it('publishes an OCI artifact: artifactType, empty config, one gzipped layer, annotations', async () => {
    const ref = `${registry.host}/security/advisory-db:v1`;
    const first = await cli('db', 'push', ref, '--db', db, '--plain-http');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^pushed .* to .*@sha256:[a-f0-9]{64} \(.*uploaded\) in [\d.]+ s\n$/);
    const manifest = (await inspect(ref)) as {
      artifactType: string;
      config: { mediaType: string; size: number };
      layers: { mediaType: string; digest: string; size: number }[];
      annotations: Record<string, string>;
    };
    expect(manifest.artifactType).toBe('application/vnd.cleanroom.advisory-db.v1+sqlite');
    expect(manifest.config).toMatchObject({ mediaType: 'application/vnd.oci.empty.v1+json', size: 2 });
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0]!.mediaType).toBe('application/vnd.cleanroom.advisory-db.v1.sqlite+gzip');
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.created': '2024-01-01T00:00:00.000Z',
      'dev.cleanroom.advisory-db.schema-version': '4',
      'dev.cleanroom.advisory-db.sqlite.digest': digestOf(await readFile(db)),
    });
    expect(JSON.parse(manifest.annotations['dev.cleanroom.advisory-db.feeds']!)).toHaveProperty('osv');
    // deterministic gzip: no time or name in the header, the same DB gives the same blob
    const blob = await readFile(blobFile(manifest.layers[0]!.digest));
    expect([...blob.subarray(0, 10)].slice(3, 8)).toEqual([0, 0, 0, 0, 0]);
    const again = await cli('db', 'push', ref, '--db', db, '--plain-http');
    expect(again.stderr).toContain('already in the registry');
    expect(again.stderr.split(' ')[4]).toBe(first.stderr.split(' ')[4]);
  });

  it('replaces what the tag holds when the DB differs', async () => {
    const ref = `${registry.host}/security/advisory-db:moving`;
    const newer = join(dir, 'newer.db');
    await build(newer, ['CVE-2024-10']);
    expect((await cli('db', 'push', ref, '--db', db, '--plain-http')).code).toBe(0);
    const moved = await cli('db', 'push', ref, '--db', newer, '--plain-http');
    expect(moved.stderr).toMatch(/, uploaded\) in/);
    const manifest = (await inspect(ref)) as { annotations: Record<string, string> };
    expect(manifest.annotations['dev.cleanroom.advisory-db.sqlite.digest']).toBe(
      digestOf(await readFile(newer)),
    );
  });

  it('refuses a missing DB and a digest reference in one sentence', async () => {
    const missing = await cli(
      'db',
      'push',
      `${registry.host}/x:1`,
      '--db',
      join(dir, 'none.db'),
      '--plain-http',
    );
    expect(missing).toMatchObject({
      code: 2,
      stderr: `cleanroom: no advisory DB at ${join(dir, 'none.db')} to push.\n`,
    });
    const byDigest = await cli('db', 'push', `${registry.host}/x@sha256:${'a'.repeat(64)}`, '--db', db);
    expect(byDigest.code).toBe(2);
    expect(byDigest.stderr).toMatch(/name a tag, not a digest/);
  });
});

describe('db update --from', () => {
  it('pulls the pushed DB into another path, the same file byte for byte', async () => {
    const ref = `${registry.host}/security/advisory-db:same`;
    expect((await cli('db', 'push', ref, '--db', db, '--plain-http')).code).toBe(0);
    const second = join(dir, 'second', 'advisory.db');
    const pulled = await cli('db', 'update', '--from', ref, '--db', second, '--plain-http');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toMatch(
      /^updated .* from .* \(sha256:[a-f0-9]{64}, built 2024-01-01T00:00:00.000Z, schema 4/,
    );
    expect((await readFile(second)).equals(await readFile(db))).toBe(true);
    const again = await cli('db', 'update', '--from', ref, '--db', second, '--plain-http');
    expect(again).toMatchObject({ code: 0, stderr: expect.stringMatching(/^\S+ is up to date with /) });
  });

  async function refused(ref: string): Promise<void> {
    const target = join(dir, 'kept.db');
    await build(target, ['CVE-2023-1']);
    const before = await readFile(target);
    const { code, stderr } = await cli('db', 'update', '--from', ref, '--db', target, '--plain-http');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(ref);
    expect(stderr).toContain(`${target} was left as it was`);
    expect((await readFile(target)).equals(before)).toBe(true);
  }

  it('refuses a blob whose bytes were changed in the registry storage', async () => {
    const ref = `${registry.host}/security/tampered-blob:v1`;
    await build(join(dir, 'other.db'), ['CVE-2024-9']);
    await cli('db', 'push', ref, '--db', join(dir, 'other.db'), '--plain-http');
    const manifest = (await inspect(ref)) as { layers: { digest: string }[] };
    const file = blobFile(manifest.layers[0]!.digest);
    const bytes = await readFile(file);
    const at = bytes.length - 20;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at); // same size, other bytes
    await writeFile(file, bytes);
    await refused(ref);
  });

  it('refuses a manifest whose stored bytes no longer match its digest', async () => {
    const ref = `${registry.host}/security/tampered-manifest:v1`;
    await cli('db', 'push', ref, '--db', db, '--plain-http');
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
    const file = blobFile(digestOf(Buffer.from(stdout)));
    await writeFile(file, (await readFile(file, 'utf8')).replace('2024-01-01T00', '2025-01-01T00'));
    await refused(ref);
  });

  it('refuses a manifest that states another DB digest than the blob holds', async () => {
    const ref = `${registry.host}/security/lying-manifest:v1`;
    await cli('db', 'push', ref, '--db', db, '--plain-http');
    const manifest = (await inspect(ref)) as { annotations: Record<string, string> };
    manifest.annotations['dev.cleanroom.advisory-db.sqlite.digest'] = `sha256:${'0'.repeat(64)}`;
    const body = Buffer.from(JSON.stringify(manifest));
    await pushManifest(
      registry.host,
      'security/lying-manifest',
      'v1',
      body,
      'application/vnd.oci.image.manifest.v1+json',
    );
    await refused(ref);
  });

  it('refuses an image that is not an advisory DB artifact', async () => {
    const ref = `${registry.host}/security/not-a-db:v1`;
    const target = join(dir, 'plain.db');
    await copyFile(db, target);
    const doc = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
        size: 2,
      },
      layers: [],
    };
    await pushBlob(registry.host, 'security/not-a-db', Buffer.from('{}'), doc.config.digest);
    await pushManifest(
      registry.host,
      'security/not-a-db',
      'v1',
      Buffer.from(JSON.stringify(doc)),
      doc.mediaType,
    );
    const { code, stderr } = await cli('db', 'update', '--from', ref, '--db', target, '--plain-http');
    expect(code).toBe(2);
    expect(stderr).toContain(`${ref} is not a cleanroom advisory DB artifact`);
  });

  it('a reference that does not exist: one sentence, exit 2', async () => {
    const ref = `${registry.host}/security/advisory-db:nope`;
    const { code, stderr } = await cli(
      'db',
      'update',
      '--from',
      ref,
      '--db',
      join(dir, 'new.db'),
      '--plain-http',
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `cleanroom: cannot update the advisory DB from ${ref}: unknown tag nope in ${registry.host}/security/advisory-db: the registry has no such image; ${join(dir, 'new.db')} was left as it was.\n`,
    );
  });
});
