/**
 * What the console's Directory and image page read, over the demo store (`cleanroom serve` as a
 * real process): a tag's latest counts are the last point of the same daily series `history
 * --replay` and `compare` answer (a backfilled observation is replayed as of its day, never read as
 * what the advisories say today), its 30 days of data end on that point, and the vulnerabilities
 * listed are the ones that point counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemo } from '../src/cli/demo-data.js';
import { history } from '../src/index.js';
import { getJson, startServer, tagPath, viaJson, type Server } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-directory-');
const DEBIAN = 'debian/python:bookworm';
const WOLFI = 'cgr.dev/chainguard/python:latest';
let server: Server;
let store: string;
let db: string;

beforeAll(async () => {
  ({ store, db } = await prepareDemo(tmp.dir, () => {}));
  server = await startServer(['--store', store, '--db', db]);
}, 300_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

const tagOf = async (ref: string, query = '') => {
  const [image, tag] = [ref.slice(0, ref.lastIndexOf(':')), ref.slice(ref.lastIndexOf(':') + 1)];
  const body = (await getJson(`${server.url}/api/images?limit=500${query}`)).body;
  const entry = body.images.find((i: { name: string }) => i.name === image);
  return { entry, tag: entry.tags.find((t: { tag: string }) => t.tag === tag) };
};

describe('the directory reads the daily series', () => {
  it("latest is the last point of the tag's replayed series, on its last observed day", async () => {
    for (const ref of [DEBIAN, WOLFI]) {
      const { tag } = await tagOf(ref);
      const day = tag.latest.day;
      const series = await history(ref, { store, db, from: day, to: day, replay: true });
      const last = series.points.at(-1)!;
      expect(tag.latest).toMatchObject(
        viaJson({ day: last.day, kind: last.kind, total: last.total, bySeverity: last.bySeverity }) as object,
      );
      // the same number compare draws on that day
      const cmp = (
        await getJson(`${server.url}/api/compare?images=${ref},${ref}&from=${day}&to=${day}&replay=true`)
      ).body;
      expect(cmp.images[0].latest).toEqual({ day, total: tag.latest.total });
    }
    // the Debian tag's last observation is a backfill (an SBOM of 2024-12-31 scanned at the demo's
    // build): its day is observed, and counted as of that day ("then"), not with the scan's
    // advisories; as known now, the same digest counts today's advisories
    const { tag } = await tagOf(DEBIAN);
    expect(tag.latest).toMatchObject({ day: '2024-12-31', kind: 'observed', lens: 'then', basis: 'lens' });
    const then = await history(DEBIAN, { store, db, from: '2024-12-31', to: '2024-12-31' });
    expect(then.points[0]!.total).toBe(tag.latest.total);
    const now = (await tagOf(DEBIAN, '&lens=now')).tag;
    const asNow = await history(DEBIAN, { store, db, from: '2024-12-31', to: '2024-12-31', lens: 'now' });
    expect(now.latest).toMatchObject({ day: '2024-12-31', lens: 'now', total: asNow.points[0]!.total });
  });

  it('answers registry, distribution, size, packages, fixable counts and, asked, 30 days of data', async () => {
    const { entry, tag } = await tagOf(WOLFI, '&recent=30');
    expect(entry.registry).toBe('cgr.dev');
    expect((await tagOf(DEBIAN)).entry.registry).toBe('docker.io');
    expect(tag.distro.id).toBe('wolfi');
    expect(tag.packages).toBeGreaterThan(0);
    expect(Object.keys(tag.latest.fixable).sort()).toEqual(Object.keys(tag.latest.bySeverity).sort());
    expect(tag.recent).toHaveLength(30);
    expect(tag.recent.at(-1)).toEqual({
      day: tag.latest.day,
      kind: tag.latest.kind,
      total: tag.latest.total,
      lowerBound: tag.latest.coverage?.lowerBound ?? false,
    });
    const series = await history(WOLFI, {
      store,
      db,
      from: tag.recent[0].day,
      to: tag.latest.day,
      replay: true,
    });
    expect(tag.recent.map((p: { total: number }) => p.total)).toEqual(series.points.map((p) => p.total));
    // without recent, no series
    expect((await tagOf(WOLFI)).tag.recent).toBeUndefined();
  });

  it("vulnerabilities: the latest point's findings, or another day's, with KEV, EPSS and first seen", async () => {
    const { tag } = await tagOf(WOLFI);
    const latest = (await getJson(`${server.url}${tagPath(WOLFI)}/vulnerabilities`)).body;
    expect({ day: latest.day, kind: latest.kind, total: latest.total }).toEqual({
      day: tag.latest.day,
      kind: tag.latest.kind,
      total: tag.latest.total,
    });
    // a day the replayed series counts five
    const day = '2024-05-14';
    const [point] = (await history(WOLFI, { store, db, from: day, to: day, replay: true })).points;
    const v = (await getJson(`${server.url}${tagPath(WOLFI)}/vulnerabilities?day=${day}`)).body;
    expect(v.total).toBe(point!.total);
    expect(point!.total).toBeGreaterThan(0);
    expect([...new Set(v.vulnerabilities.map((f: { id: string }) => f.id))].sort()).toEqual(point!.ids);
    for (const f of v.vulnerabilities) {
      expect(typeof f.kev).toBe('boolean');
      expect(f.firstSeen <= day).toBe(true);
    }
    expect((await getJson(`${server.url}${tagPath(WOLFI)}/vulnerabilities?day=2024-5-1`)).status).toBe(400);
  });
});
