import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.js';
import { connect, isPostgresUrl } from './connect.js';
import { chunked, fromBool, fromJsonText, toBool, toCount, toIsoTime, toJsonText } from './sql-values.js';

interface T {
  t: { k: string; v: number | null };
}

describe('connect (SQLite)', () => {
  it('opens `sqlite:PATH` and plain paths, bulk-inserts, and keeps the first row of a duplicate key', async () => {
    const store = await connect<T>('sqlite::memory:');
    expect(store.dialect).toBe('sqlite');
    await sql`CREATE TABLE t (k text PRIMARY KEY, v integer)`.execute(store.db);
    const rows = Array.from({ length: 1200 }, (_, i) => ({ k: `k${i % 1000}`, v: i }));
    await store.bulkInsert('t', rows, { ignoreConflicts: true });
    const all = await store.db.selectFrom('t').selectAll().orderBy('v').execute();
    expect(all).toHaveLength(1000);
    expect(all[0]).toEqual({ k: 'k0', v: 0 });
    await expect(store.bulkInsert('t', [{ k: 'k0', v: 5 }])).rejects.toThrow(/UNIQUE/);
    await store.close();
  });

  it('rolls back every write of a transaction, bulk inserts included, when it fails', async () => {
    const store = await connect<T>('sqlite::memory:');
    await sql`CREATE TABLE t (k text PRIMARY KEY, v integer)`.execute(store.db);
    await store.bulkInsert('t', [{ k: 'before', v: 0 }]);
    await expect(
      store.transaction(async (trx) => {
        await trx.db.deleteFrom('t').execute();
        await trx.bulkInsert('t', [
          { k: 'a', v: 1 },
          { k: 'b', v: 2 },
        ]);
        expect(await trx.arrays(trx.db.selectFrom('t').select('k').orderBy('k').compile())).toEqual([
          ['a'],
          ['b'],
        ]);
        await trx.transaction((same) => same.bulkInsert('t', [{ k: 'c', v: 3 }]));
        await trx.bulkInsert('t', [{ k: 'a', v: 4 }]); // duplicate key: the whole transaction goes
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await store.db.selectFrom('t').selectAll().execute()).toEqual([{ k: 'before', v: 0 }]);
    const n = await store.transaction(async (trx) => {
      await trx.bulkInsert('t', [{ k: 'after', v: 1 }]);
      return 1;
    });
    expect(n).toBe(1);
    expect(await store.db.selectFrom('t').select('k').orderBy('k').execute()).toEqual([
      { k: 'after' },
      { k: 'before' },
    ]);
    await store.close();
  });

  it('opens writers in WAL mode, so a reader never waits for a write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanroom-store-'));
    try {
      const file = join(dir, 'w.db');
      const writer = await connect<T>(file);
      await sql`CREATE TABLE t (k text PRIMARY KEY, v integer)`.execute(writer.db);
      await writer.bulkInsert('t', [{ k: 'old', v: 0 }]);
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(writer.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const reader = await connect<T>(file, { readonly: true });
      await writer.transaction(async (trx) => {
        await trx.bulkInsert('t', [{ k: 'new', v: 1 }]);
        // the write lock is held; the reader still reads the last committed state at once
        expect(await reader.db.selectFrom('t').select('k').execute()).toEqual([{ k: 'old' }]);
      });
      expect(await reader.db.selectFrom('t').select('k').orderBy('k').execute()).toHaveLength(2);
      await reader.close();
      await writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file it cannot open', async () => {
    await expect(connect('/nonexistent/dir/x.db', { readonly: true })).rejects.toThrow(
      /cannot open the SQLite database \/nonexistent\/dir\/x\.db/,
    );
    await expect(connect('/nonexistent/dir/x.db', { readonly: true })).rejects.toBeInstanceOf(NotFoundError);
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('./postgres.db')).toBe(false);
  });
});

describe('sql-values', () => {
  it('smooths over the dialect differences', () => {
    expect(toCount('42')).toBe(42);
    expect(toCount(7)).toBe(7);
    expect(toCount(null)).toBe(0);
    expect(fromBool(true)).toBe(1);
    expect(fromBool(undefined)).toBeNull();
    expect([toBool(1), toBool('t'), toBool(0), toBool(null)]).toEqual([true, true, false, undefined]);
    expect(toJsonText([])).toBeNull();
    expect(fromJsonText(toJsonText({ a: [1] }), {})).toEqual({ a: [1] });
    expect(fromJsonText(null, ['x'])).toEqual(['x']);
  });

  it('makes dates sortable as text', () => {
    expect(toIsoTime('2023-03-29')).toBe('2023-03-29T00:00:00.000Z');
    expect(toIsoTime('2023-03-29T10:00:00+02:00')).toBe('2023-03-29T08:00:00.000Z');
    expect(toIsoTime('not a date')).toBeUndefined();
  });

  it('chunks IN lists', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 500)).toEqual([]);
  });
});
