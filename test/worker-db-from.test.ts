/**
 * A worker keeps its advisory DB current from an OCI artifact (`db push` on one machine,
 * `worker --db-from REF` on the others): the observations it makes use the pulled build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { startRegistry, type TestRegistry } from '../src/image/registry/__fixtures__/registry-harness.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { addWatches } from '../src/worker/watches.js';
import { fixture } from './fixtures.js';
import { cli } from './history-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-worker-db-');
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
}, 60_000);
afterAll(async () => {
  await registry?.stop();
  tmp.cleanup();
});

it('pulls the pushed DB before observing, and observes with it', async () => {
  const built = join(tmp.dir, 'built.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }],
    out: built,
    now: '2019-01-01T00:00:00.000Z',
  });
  const ref = `${registry.host}/security/advisory-db:latest`;
  const push = await cli('db', 'push', ref, '--db', built, '--plain-http');
  expect(push.code, push.stderr).toBe(0);
  const store = join(tmp.dir, 'history.db');
  const local = join(tmp.dir, 'worker.db'); // the worker machine has no DB yet
  await addWatches(['alpine:3.9'], { source: fixture('images/alpine-3.9.4.docker.tar.gz'), store });
  const run = await cli(
    'worker',
    '--store',
    store,
    '--db',
    local,
    '--db-from',
    ref,
    '--plain-http',
    '--once',
  );
  expect(run.code, run.stderr).toBe(0);
  expect(readFileSync(local).equals(readFileSync(built))).toBe(true);
  const s = await openHistoryStore(store, { existing: true });
  const [obs] = await s.db.selectFrom('observation').select(['total', 'db_built_at']).execute();
  await s.close();
  expect(obs).toMatchObject({ db_built_at: '2019-01-01T00:00:00.000Z' });
  expect(Number(obs!.total)).toBeGreaterThan(0);
}, 120_000);
