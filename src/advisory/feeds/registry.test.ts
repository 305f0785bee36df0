import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { InputError } from '../../errors.js';
import { readAll } from './read-all.js';
import { detectFeed, feedByName, feeds } from './registry.js';

const local = (...p: string[]): string => join(import.meta.dirname, ...p);

/** One real (or, where none exists, hand-built) sample per feed. */
const samples: Record<string, string> = {
  osv: fixture('osv', 'go'),
  'alpine-secdb': fixture('alpine-secdb', 'v3.9', 'main.yaml'),
  'wolfi-secdb': local('wolfi-secdb', '__fixtures__', 'security.json'),
  'wolfi-advisories': fixture('wolfi-advisories'),
  'debian-tracker': local('debian-tracker', '__fixtures__', 'tracker.json'),
  'debian-dsa': fixture('debian-tracker', 'DSA.list'),
  cve5: fixture('cve5'),
  kev: fixture('kev', 'known_exploited_vulnerabilities.json'),
  epss: fixture('epss'),
};

describe('feed registry', () => {
  it('has a sample for every feed and nothing else', () => {
    expect(Object.keys(samples).sort()).toEqual([...feeds.keys()].sort());
  });

  it('names unknown feeds in an InputError', () => {
    expect(() => feedByName('nvd')).toThrow(InputError);
  });
});

describe.each([...feeds.values()])('feed contract: $name', (feed) => {
  const own = samples[feed.name] as string;

  it('describes itself with official URLs', () => {
    expect(feed.description.length).toBeGreaterThan(0);
    expect(feed.urls.length).toBeGreaterThan(0);
    for (const url of feed.urls) expect(url).toMatch(/^https:\/\//);
  });

  it('detects its own sample, and detectFeed picks it', async () => {
    expect(await feed.detect(own)).toBe(true);
    expect((await detectFeed(own)).name).toBe(feed.name);
  });

  it("rejects the other feeds' samples", async () => {
    for (const [name, path] of Object.entries(samples)) {
      if (name !== feed.name) expect(await feed.detect(path), `${feed.name} on ${name}`).toBe(false);
    }
  });

  it('reads garbage with a clear InputError, and a missing path too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feed-garbage-'));
    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x13, 0x37, 0x0a, 0x5b]));
    await expect(readAll(feed, garbage)).rejects.toThrow(InputError);
    await expect(readAll(feed, join(dir, 'missing'))).rejects.toThrow(/missing/);
    await expect(readAll(feed, join(dir, 'missing'))).rejects.toBeInstanceOf(InputError);
  });

  it('yields well-formed items', async () => {
    const { items } = await readAll(feed, own, 2000);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      if (item.kind === 'advisory') {
        const a = item.advisory;
        expect(a.id).not.toBe('');
        expect(Date.parse(a.modified)).not.toBeNaN();
        expect(a.feed).toBe(feed.name);
        expect(item.recordId).not.toBe('');
        for (const af of a.affected) {
          expect(af.ecosystem).not.toBe('');
          expect(af.package).not.toBe('');
          expect(['fixed', 'not-fixed', 'wont-fix', 'not-affected']).toContain(af.fixState);
        }
      } else {
        expect(item.cve).toMatch(/^CVE-\d{4}-\d+$/);
      }
    }
  });
});

it('detectFeed refuses a file of no known format, naming it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'feed-unknown-'));
  const file = join(dir, 'notes.txt');
  await writeFile(file, 'just some text\n');
  await expect(detectFeed(file)).rejects.toThrow(/notes\.txt/);
});
