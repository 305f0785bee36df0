import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.js';
import type { Store } from './connect.js';
import { copyTables, listTables } from './copy-tables.js';

interface T {
  a: { k: string; v: number | null };
  b: { n: number; s: string | null };
}

async function storeWith(a: number, b: number): Promise<Store<T>> {
  const store = await connect<T>('sqlite::memory:');
  await sql`CREATE TABLE a (k text PRIMARY KEY, v integer)`.execute(store.db);
  await sql`CREATE TABLE b (n integer, s text)`.execute(store.db);
  await store.bulkInsert(
    'a',
    Array.from({ length: a }, (_, i) => ({ k: `k${i}`, v: i })),
  );
  await store.bulkInsert(
    'b',
    Array.from({ length: b }, (_, i) => ({ n: i, s: i % 3 ? `s${i}` : null })),
  );
  return store;
}

describe('copyTables', () => {
  it('replaces the target rows of the named tables in chunks, leaving other tables alone', async () => {
    const source = await storeWith(2345, 10);
    const target = await storeWith(7, 3);
    await sql`CREATE TABLE other (x integer)`.execute(target.db);
    await sql`INSERT INTO other VALUES (1)`.execute(target.db);
    const progress: number[] = [];
    const copied = await copyTables(source, target, ['a', 'b'], {
      chunkRows: 1000,
      onProgress: (p) => p.table === 'a' && progress.push(p.rows),
    });
    expect(copied).toEqual({ a: 2345, b: 10 });
    expect(progress).toEqual([0, 1000, 2000, 2345]);
    for (const table of ['a', 'b'] as const)
      expect(await target.db.selectFrom(table).selectAll().execute()).toEqual(
        await source.db.selectFrom(table).selectAll().execute(),
      );
    expect(await listTables(target)).toEqual(['a', 'b', 'other']);
    expect((await sql<{ x: number }>`SELECT x FROM other`.execute(target.db)).rows).toEqual([{ x: 1 }]);
    await source.close();
    await target.close();
  });

  it('leaves the target whole when the copy fails halfway', async () => {
    const source = await storeWith(3000, 10);
    const target = await storeWith(7, 3);
    const before = await target.db.selectFrom('a').selectAll().execute();
    await expect(
      copyTables(source, target, ['b', 'a'], {
        chunkRows: 1000,
        onProgress: (p) => {
          if (p.table === 'a' && p.rows === 2000) throw new Error('source went away');
        },
      }),
    ).rejects.toThrow(/source went away/);
    expect(await target.db.selectFrom('a').selectAll().execute()).toEqual(before);
    expect(await target.db.selectFrom('b').selectAll().execute()).toHaveLength(3);
    await source.close();
    await target.close();
  });
});
