/**
 * SIGTERM during a slow request: the request completes, then the process exits 0. The slow route
 * exists only with CLEANROOM_TEST_SLOW_ROUTE=1 (docs/api.md).
 */
import { afterAll, expect, it } from 'vitest';
import { startServer } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-stop-');
afterAll(tmp.cleanup);

it('finishes the request in flight, then exits 0', async () => {
  const server = await startServer(['--store', `${tmp.dir}/h.db`, '--db', `${tmp.dir}/none.db`], {
    CLEANROOM_TEST_SLOW_ROUTE: '1',
  });
  const pending = fetch(`${server.url}/api/test/slow?ms=1500`).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));
  await new Promise((r) => setTimeout(r, 300));
  const exit = server.stop();
  expect(await pending).toEqual({ status: 200, body: { slept: 1500 } });
  expect(await exit).toBe(0);
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
}, 30_000);
