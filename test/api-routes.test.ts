/**
 * Every read route of `cleanroom serve`, started as a real process over a store built from the
 * history fixtures, answers what the library functions return for the same query (same numbers,
 * same ids); bad dates and unknown rule values are 400s naming the parameter, unknown images 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, history } from '../src/index.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { DEFAULT_ASSUMPTIONS, roiOf } from '../src/history/resolved/roi.js';
import { roiReport } from '../src/history/resolved/roi-report.js';
import { renderRoiCsv } from '../src/report/roi/csv.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { digestFacts, tagMoves } from '../src/history/store/read.js';
import {
  ALPINE,
  PYTHON,
  fixtureStore,
  getJson,
  startServer,
  tagPath,
  viaJson,
  type Server,
} from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-');
let server: Server;
let store: string;
let db: string;
const range = { from: '2024-01-01', to: '2024-03-31' };
const q = `from=${range.from}&to=${range.to}`;

beforeAll(async () => {
  ({ store, db } = await fixtureStore(tmp.dir));
  server = await startServer(['--store', store, '--db', db]);
}, 600_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

describe('reads equal the library', () => {
  it('lists images with their tags and latest counts', async () => {
    const { status, body } = await getJson(`${server.url}/api/images?limit=1`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(body.images.map((i: { name: string }) => i.name)).toEqual(['alpine']);
    const all = (await getJson(`${server.url}/api/images`)).body;
    const python = all.images.find((i: { name: string }) => i.name === 'cgr.dev/chainguard/python');
    // latest: the last point of the replayed daily series on the tag's last observed day
    const day = (await history(PYTHON, { store, from: '2023-01-01', to: '2026-01-01' })).points.at(-1)!.day;
    const last = (await history(PYTHON, { store, db, from: day, to: day, replay: true })).points.at(-1)!;
    expect(python.tags[0]).toMatchObject({
      tag: 'latest',
      latest: viaJson({
        day: last.day,
        kind: last.kind,
        digest: last.digest,
        total: last.total,
        bySeverity: last.bySeverity,
      }),
    });
  });

  it('tags, digests over time and observations', async () => {
    const tags = await getJson(`${server.url}/api/images/alpine/tags`);
    expect(tags.body.tags.map((t: { tag: string }) => t.tag)).toEqual(['3']);
    const s = await openHistoryStore(store, { existing: true });
    const moves = await tagMoves(s, { image: 'alpine', tag: '3' });
    await s.close();
    expect((await getJson(`${server.url}${tagPath(ALPINE)}/digests`)).body.digests).toEqual(moves);
    const obs = (await getJson(`${server.url}${tagPath(PYTHON)}/observations?${q}`)).body.observations;
    const lib = await history(PYTHON, { store, ...range });
    expect(obs.map((o: { day: string; total: number }) => [o.day, o.total])).toEqual(
      lib.points.map((p) => [p.day, p.total]),
    );
  });

  it('history, observed and replayed', async () => {
    for (const replay of [false, true]) {
      const lib = await history(PYTHON, { store, db, replay, ...range });
      const api = await getJson(`${server.url}${tagPath(PYTHON)}/history?${q}&replay=${replay}`);
      expect(api.status).toBe(200);
      expect(api.body).toEqual(viaJson(lib));
    }
  }, 120_000);

  it('accumulation and compare', async () => {
    const lib = await compare([PYTHON, ALPINE], { store, db, from: '2019-05-01', to: '2024-02-01' });
    const api = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(`${PYTHON},${ALPINE}`)}&from=2019-05-01&to=2024-02-01`,
    );
    expect(api.body).toEqual(viaJson(lib));
    const acc = (await getJson(`${server.url}${tagPath(PYTHON)}/accumulation?from=2019-05-01&to=2024-02-01`))
      .body;
    expect(acc.points.map((p: { cumulative: number }) => p.cumulative)).toEqual(
      lib.images[0]!.points.map((p) => p.cumulative),
    );
    const pinned = await compare([PYTHON, `${PYTHON}@2024-01-15`], { store, db, ...range });
    const apiPinned = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(`${PYTHON},${PYTHON}@2024-01-15`)}&${q}`,
    );
    expect(apiPinned.body).toEqual(viaJson(pinned));
  }, 120_000);

  it('a pinned image is counted under any rules, as the tag is on the days it held that digest', async () => {
    const rules = 'countBy=package&includeNegligible=true&ignoreStates=wont-fix';
    const both = encodeURIComponent(`${PYTHON},${PYTHON}@2024-01-15`);
    const ruled = (await getJson(`${server.url}/api/compare?images=${both}&${q}&replay=true&${rules}`)).body;
    const plain = (await getJson(`${server.url}/api/compare?images=${both}&${q}&replay=true`)).body;
    type P = { day: string; digest: string; total: number; kind: string };
    const [tag, pin] = ruled.images as { points: P[]; pinned: { digest: string } | null }[];
    const pinnedDigest = pin!.pinned!.digest;
    // the days the tag itself held the pinned digest (replayed): both series are the same replay
    const same = tag!.points.filter(
      (p) => p.digest === pinnedDigest && p.kind === 'replayed' && p.day >= '2024-01-15',
    );
    expect(same.length).toBeGreaterThan(0);
    for (const p of same) expect(pin!.points.find((x) => x.day === p.day)?.total).toBe(p.total);
    // and the rules changed the pinned image's counts (per package, negligible counted)
    const sum = (r: { images: { points: P[] }[] }) => r.images[1]!.points.reduce((n, p) => n + p.total, 0);
    expect(sum(ruled)).toBeGreaterThan(sum(plain));
  }, 120_000);

  it('resolved, time to fix and ROI', async () => {
    const lib = await resolved([PYTHON], { store, db, ...range });
    const api = await getJson(`${server.url}${tagPath(PYTHON)}/resolved?${q}`);
    expect(api.body).toEqual(viaJson(lib));
    const ttf = (await getJson(`${server.url}${tagPath(PYTHON)}/time-to-fix?${q}`)).body;
    expect(ttf.timeToFix).toEqual(viaJson(lib.images[0]!.timeToFix));
    const roi = (
      await getJson(`${server.url}${tagPath(PYTHON)}/roi?${q}&hoursPerCve=2&hourlyRate=150&currency=EUR`)
    ).body;
    const assumptions = { ...DEFAULT_ASSUMPTIONS, hoursPerCve: 2, hourlyRate: 150, currency: 'EUR' };
    expect(roi).toMatchObject({ assumptions, roi: viaJson(roiOf(lib.images[0]!.resolutions, assumptions)) });
  }, 120_000);

  it('the ROI report as a file, in every format, with the numbers of the library', async () => {
    const query = `images=${encodeURIComponent(PYTHON)}&alternatives=${encodeURIComponent(`${ALPINE},${PYTHON}@2024-01-15`)}&${q}&hoursPerCve=2&hourlyRate=150&currency=EUR`;
    const lib = await roiReport([PYTHON], {
      since: range.from,
      to: range.to,
      alternatives: [ALPINE, `${PYTHON}@2024-01-15`],
      assumptions: { hoursPerCve: 2, hourlyRate: 150, currency: 'EUR' },
      store,
      db,
    });
    const json = await fetch(`${server.url}/api/report?${query}&format=json`);
    expect(json.headers.get('content-disposition')).toBe(
      'attachment; filename="cleanroom-roi-2024-01-01.json"',
    );
    const { generatedAt: _a, ...apiReport } = (await json.json()) as Record<string, unknown>;
    const { generatedAt: _b, ...libReport } = viaJson(lib) as Record<string, unknown>;
    expect(apiReport).toEqual(libReport);
    expect(lib.total.resolved).toBeGreaterThan(0);
    // the pinned alternative is the same tag as if never rebuilt after 2024-01-15
    expect(lib.images[0]!.avoided.map((a) => a.alternative)).toEqual([ALPINE, `${PYTHON}@2024-01-15`]);
    const pinnedLine = lib.series.find((l) => l.ref === `${PYTHON}@2024-01-15`)!.points;
    expect([pinnedLine[0]!.day, pinnedLine.at(-1)!.day]).toEqual(['2024-01-15', '2024-03-31']);
    const html = await fetch(`${server.url}/api/report?${query}`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    const csv = await (await fetch(`${server.url}/api/report?${query}&format=csv`)).text();
    expect(csv).toBe(renderRoiCsv(lib));
    const pdf = await fetch(`${server.url}/api/report?${query}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const bad = await getJson(`${server.url}/api/report?images=${encodeURIComponent(PYTHON)}&from=someday`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/since|from/);
    const unknown = await getJson(`${server.url}/api/report?images=nope:1&from=2024-01-01&format=md`);
    expect(unknown.status).toBe(404);
  }, 120_000);

  it('vulnerabilities, packages and SBOMs of the latest digest', async () => {
    const last = (await history(PYTHON, { store, from: '2023-01-01', to: '2026-01-01' })).points.at(-1)!;
    const vulns = (await getJson(`${server.url}${tagPath(PYTHON)}/vulnerabilities`)).body;
    expect(vulns).toMatchObject({ digest: last.digest, total: last.total, bySeverity: last.bySeverity });
    expect([...new Set(vulns.vulnerabilities.map((v: { id: string }) => v.id))].sort()).toEqual(last.ids);
    const byPackage = (await getJson(`${server.url}${tagPath(PYTHON)}/vulnerabilities?countBy=package`)).body;
    expect(byPackage.total).toBeGreaterThanOrEqual(last.total);
    const s = await openHistoryStore(store, { existing: true });
    const facts = await digestFacts(s, last.digest);
    await s.close();
    const pkgs = (await getJson(`${server.url}${tagPath(PYTHON)}/packages`)).body;
    expect(pkgs.packages).toHaveLength(facts.packages!);
    const cdx = await fetch(`${server.url}${tagPath(PYTHON)}/sbom/cyclonedx`);
    expect(cdx.headers.get('content-disposition')).toContain('attachment');
    expect(((await cdx.json()) as { bomFormat: string }).bomFormat).toBe('CycloneDX');
    const spdx = await fetch(`${server.url}${tagPath(PYTHON)}/sbom/spdx`);
    expect(((await spdx.json()) as { spdxVersion: string }).spdxVersion).toBe('SPDX-2.3');
  });
});

describe('HTTP behaviour', () => {
  it('400 names the bad parameter, 404 an unknown image or tag', async () => {
    const bad = await getJson(`${server.url}${tagPath(PYTHON)}/history?from=2024-02-30x`);
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad-input', parameter: 'from' } });
    const rule = await getJson(`${server.url}${tagPath(PYTHON)}/history?countBy=cve`);
    expect(rule).toMatchObject({ status: 400, body: { parameter: 'countBy' } });
    const states = await getJson(`${server.url}/api/compare?images=a:b,c:d&ignoreStates=maybe`);
    expect(states).toMatchObject({ status: 400, body: { parameter: 'ignoreStates' } });
    expect((await getJson(`${server.url}${tagPath('nope:latest')}/history`)).status).toBe(404);
    expect((await getJson(`${server.url}/api/images/nope/tags`)).status).toBe(404);
    expect((await getJson(`${server.url}${tagPath('alpine:9')}/history`)).status).toBe(404);
  });

  it('ETag, 304, Cache-Control and gzip on reads', async () => {
    const res = await fetch(`${server.url}${tagPath(PYTHON)}/history?${q}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toMatch(/max-age/);
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${server.url}${tagPath(PYTHON)}/history?${q}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });
});
