import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
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

  it('names the file it cannot open', async () => {
    await expect(connect('/nonexistent/dir/x.db', { readonly: true })).rejects.toThrow(
      /cannot open the SQLite database \/nonexistent\/dir\/x\.db/,
    );
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
