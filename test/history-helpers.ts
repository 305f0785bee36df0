/**
 * Shared by the history end-to-end tests: the CLI run in-process, and the two store backends
 * (a SQLite file, and a database on a PostgreSQL server the test starts) every test runs against.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openHistoryStore } from '../src/history/store/open.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';

/** Runs the CLI in this process and returns exit code, stdout and stderr. */
export { cli } from './cli-in-process.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** a fresh, empty store location (file path or postgres:// URL) */
  fresh(dir: string): Promise<string>;
}

const bin = postgresBin();
if (!bin)
  console.warn('history tests run on SQLite only: no /usr/lib/postgresql/*/bin/pg_ctl on this machine');

/**
 * The backends of this test file: SQLite always, PostgreSQL when Debian's server is installed
 * (started once per file, one database per store).
 */
export function storeBackends(): Backend[] {
  let server: { url: string; stop(): void } | undefined;
  let n = 0;
  beforeAll(async () => {
    if (bin) server = await startPostgres(bin);
  }, 120_000);
  afterAll(() => server?.stop());
  const sqlite: Backend = { name: 'sqlite', fresh: async (dir) => join(dir, `history-${++n}.db`) };
  const postgres: Backend = {
    name: 'postgres',
    async fresh() {
      const name = `history_${++n}`;
      const client = new pg.Client({ connectionString: server!.url });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return server!.url.replace(/\/postgres$/, `/${name}`);
    },
  };
  return bin ? [sqlite, postgres] : [sqlite];
}

/** Every row of every history table, to show that a refused command left the store unchanged. */
export async function storeSnapshot(url: string): Promise<string> {
  const store = await openHistoryStore(url, { existing: true });
  try {
    const tables = ['image', 'tag', 'tag_digest', 'digest', 'observation', 'setting'] as const;
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const rows = await store.db.selectFrom(t).selectAll().execute();
      out[t] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return JSON.stringify(out);
  } finally {
    await store.close();
  }
}

/** The days on which the replay differs from the expectation, as readable lines. */
export function differences(
  points: { day: string; total: number; ids: string[] }[],
  days: Record<string, { count: number; ids: string[] }>,
): string[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  return Object.entries(days).flatMap(([day, e]) => {
    const p = byDay.get(day);
    if (!p) return [`${day}: no point, expected ${e.count}`];
    const missing = e.ids.filter((id) => !p.ids.includes(id));
    const extra = p.ids.filter((id) => !e.ids.includes(id));
    return p.total === e.count && !missing.length && !extra.length
      ? []
      : [
          `${day}: ${p.total} instead of ${e.count}; missing ${missing.join(' ') || '-'}; extra ${extra.join(' ') || '-'}`,
        ];
  });
}
