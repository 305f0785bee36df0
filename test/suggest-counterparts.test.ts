/**
 * Known counterparts of a suggestion compared when reachable: an image in a registry this machine
 * reaches (Debian's docker-registry on 127.0.0.1, pushed with skopeo) and a local archive are read
 * and scanned with the proof's DB and rules, and give the numbers `scan` gives for the same image
 * and DB; one that cannot be reached (a closed port, a registry that never answers, a missing
 * file) is said so in one line, and the ones after it are still compared; the table output shows
 * them beside the suggestion.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCounterparts, counterpartList } from '../src/builder/suggest/compare-counterparts.js';
import { ProofScanner } from '../src/builder/suggest/proof-scanner.js';
import { renderSuggestion } from '../src/builder/suggest/render.js';
import type { Suggestion } from '../src/builder/suggest/suggestion-types.js';
import { DEFAULT_ASSUMPTIONS } from '../src/history/resolved/roi.js';
import {
  freePort,
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import { scan } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const canRegistry = ['docker-registry', 'skopeo'].every((t) => spawnSync('which', [t]).status === 0);
const tmp = tempDir('cleanroom-suggest-counterparts-');
const ALPINE = fixture('images', 'alpine-3.9.4.docker.tar.gz');
let registry: TestRegistry | undefined;
let silent: Server | undefined;
const sockets = new Set<Socket>();
let db: string;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('peer/trivy/osv') }], 'alpine.db');
  if (canRegistry) {
    registry = await startRegistry();
    await push(
      `docker-archive:${await gunzipTo(ALPINE, tmp.dir, 'alpine.tar')}`,
      registry.host,
      'alpine:3.9',
    );
  }
  // a "registry" that takes the connection and never answers
  silent = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => silent!.listen(0, '127.0.0.1', ok));
}, 120_000);
afterAll(async () => {
  await registry?.stop();
  for (const s of sockets) s.destroy();
  await new Promise((ok) => silent?.close(ok));
  tmp.cleanup();
});

const silentHost = () => {
  const address = silent!.address();
  return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};

describe.skipIf(!canRegistry)('known counterparts of a suggestion', () => {
  it('scans a registry image and a local archive with the proof’s DB and rules, as scan does', async () => {
    const scanner = await ProofScanner.open(db);
    if (typeof scanner === 'string') throw new Error(scanner);
    try {
      const listed = counterpartList(
        [{ ref: `${registry!.host}/alpine:3.9`, kind: 'Alpine variant' }],
        [ALPINE],
      );
      const out = await compareCounterparts(listed, scanner, true, { plainHttp: true, timeoutMs: 10_000 });
      const expected = await scan(ALPINE, { db });
      const apk = expected.inventory.packages.filter((p) => p.type === 'apk').length;
      expect(out.map((c) => [c.ref, c.from, c.unreachable])).toEqual([
        [`${registry!.host}/alpine:3.9`, 'catalogue', undefined],
        [ALPINE, 'option', undefined],
      ]);
      for (const c of out) {
        expect(c.proof, c.ref).toMatchObject({
          packages: apk,
          distro: 'alpine 3.9.4',
          today: { total: expected.summary.total, bySeverity: expected.summary.bySeverity },
        });
        expect(c.proof!.today!.total).toBeGreaterThan(0);
        expect(c.proof!.sizeBytes).toBeGreaterThan(0);
        expect(c.proof!.lastYear).toMatchObject({ to: '2026-11-01' });
      }
    } finally {
      await scanner.close();
    }
  }, 120_000);

  it('says in one line why one was not compared, and goes on with the next', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const listed = counterpartList(
      [],
      [`${closed}/python:3-slim`, `${silentHost()}/python:3-alpine`, join(tmp.dir, 'missing.tar'), ALPINE],
    );
    const started = Date.now();
    const out = await compareCounterparts(listed, 'no scan: no advisory DB', false, {
      plainHttp: true,
      timeoutMs: 2_000,
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(out.slice(0, 3).every((c) => c.proof === undefined)).toBe(true);
    for (const c of out.slice(0, 3)) {
      expect(c.unreachable, c.ref).toMatch(/\S/);
      expect(c.unreachable, c.ref).not.toContain('\n');
    }
    expect(out[1]!.unreachable).toBe('no answer within 2 s');
    expect(out[2]!.unreachable).toMatch(/missing\.tar/);
    // without a DB the counterpart still shows its packages and size, no counts
    expect(out[3]).toMatchObject({ ref: ALPINE, proof: { packages: expect.any(Number) } });
    expect(out[3]!.proof!.today).toBeUndefined();
  }, 60_000);

  it('shows them beside the suggestion in the table output, one line for each one not compared', async () => {
    const scanner = await ProofScanner.open(db);
    if (typeof scanner === 'string') throw new Error(scanner);
    const counterparts = await compareCounterparts(
      counterpartList([], [ALPINE, `127.0.0.1:${await freePort()}/nothing:1`]),
      scanner,
      false,
      { plainHttp: true, timeoutMs: 5_000 },
    ).finally(() => scanner.close());
    const side = { packages: 1 };
    const text = renderSuggestion(
      {
        schemaVersion: '1',
        source: 'app.oci.tar',
        suite: 'bookworm',
        architecture: 'amd64',
        command: ['/app/main'],
        user: { original: '', runsAsRoot: true, user: 'nonroot', uid: 65532, gid: 65532 },
        packages: [],
        leftOut: [],
        application: { files: 1, bytes: 1 },
        isStatic: true,
        files: { imageFile: 'a', applicationLayer: 'b', image: 'c', sbom: 'd' },
        proof: { span: 'no scan', original: side, suggested: side, assumptions: DEFAULT_ASSUMPTIONS },
        counterparts,
        notes: [],
        warnings: [],
        timings: {},
      } satisfies Suggestion,
      'table',
    );
    const lines = text.split('\n');
    const total = counterparts[0]!.proof!.today!.total;
    expect(lines.find((l) => l.startsWith(`${ALPINE} (given with --counterpart)`))).toMatch(
      new RegExp(`\\s${total}\\s+-$`),
    );
    expect(
      lines.filter((l) => l.includes('/nothing:1 (given with --counterpart): not compared: ')),
    ).toHaveLength(1);
  }, 60_000);
});
