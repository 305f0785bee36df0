/**
 * The bounded blob cache as a user meets it: `sbom REF --cache-max-bytes` against Debian's
 * docker-registry trims the cache after the pull but keeps the blobs of the image it reads;
 * `cache status` and `cache prune` (by size, by age, bad input: one sentence, exit 2).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';

let registry: TestRegistry;
let work: string;
let blobs: string;
const saved = process.env.XDG_CACHE_HOME;

// blobs another image left behind 40 days ago: the LRU end of the cache
async function staleBlobs(n: number): Promise<string[]> {
  await mkdir(blobs, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = Buffer.alloc(100_000, i);
    const hex = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(blobs, hex), bytes);
    const when = new Date(Date.now() - 40 * 86_400_000);
    await utimes(join(blobs, hex), when, when);
    names.push(hex);
  }
  return names;
}

beforeAll(async () => {
  registry = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'cleanroom-cache-cli-'));
  process.env.XDG_CACHE_HOME = join(work, 'xdg-cache');
  blobs = join(work, 'xdg-cache', 'cleanroom', 'blobs', 'sha256');
  const archive = await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar');
  await push(`docker-archive:${archive}`, registry.host, 'alpine:3.9');
});
afterAll(async () => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('--cache-max-bytes and cache prune', () => {
  it('a pull past the bound evicts the oldest blobs, never those of the image in use', async () => {
    const stale = await staleBlobs(3);
    const ref = `${registry.host}/alpine:3.9`;
    const run = await cli('sbom', ref, '--plain-http', '--format', 'json', '--cache-max-bytes', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).packages.length).toBeGreaterThan(10);
    const left = await readdir(blobs);
    expect(left.filter((n) => stale.includes(n))).toEqual([]);
    expect(left).toHaveLength(2); // the alpine config and its one layer: in use, kept past the bound
    // the next pull is served from the cache it kept
    expect((await cli('sbom', ref, '--plain-http', '--cache-max-bytes', '1')).code).toBe(0);
  });

  it('status reports location, count and bytes; prune by age then by size', async () => {
    await staleBlobs(2);
    const status = await cli('cache', 'status', '--format', 'json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      location: join(work, 'xdg-cache', 'cleanroom', 'blobs'),
      count: 4,
    });
    const byAge = await cli('cache', 'prune', '--older-than', '30d');
    expect(byAge.code).toBe(0);
    expect(byAge.stderr).toMatch(/^removed 2 blobs \(0\.2 MiB\), unused for 30d or more; 2 blobs/);
    const both = await cli('cache', 'prune', '--older-than', '30d', '--max-bytes', '0');
    expect(both.stderr).toMatch(/^removed 2 blobs .*; 0 blobs \(0\.0 MiB\) remain/);
    expect(await readdir(blobs)).toEqual([]);
    expect((await cli('cache', 'status')).stdout).toMatch(/0 blobs, 0\.0 MiB/);
  });

  it.each([
    [['cache', 'prune'], /cache prune needs --max-bytes, --older-than or both/],
    [['cache', 'prune', '--older-than', '30x'], /cannot read the age "30x"/],
    [['cache', 'prune', '--max-bytes', 'lots'], /expected a size in bytes/],
    [['sbom', 'x.tar', '--cache-max-bytes', '-1'], /expected a size in bytes/],
  ])('bad input %j: one sentence, exit 2', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
