import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { historyMigrations } from './migrations/index.js';
import { openHistoryStore } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-history-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openHistoryStore', () => {
  it('creates and migrates a store for a writer; a reader opens it read-only', async () => {
    const file = join(dir, 'a', 'history.db');
    await (await openHistoryStore(file)).close();
    const reader = await openHistoryStore(file, { readonly: true });
    try {
      expect(await reader.db.selectFrom('observation').selectAll().execute()).toEqual([]);
      await expect(
        reader.db.insertInto('setting').values({ key: 'k', value: 'v' }).execute(),
      ).rejects.toThrow(/readonly/);
    } finally {
      await reader.close();
    }
  });

  it('refuses a missing store for a reader, creating nothing', async () => {
    const file = join(dir, 'none', 'history.db');
    await expect(openHistoryStore(file, { readonly: true })).rejects.toThrow(
      /there is no history store at .*none/,
    );
    await expect(openHistoryStore(file, { existing: true })).rejects.toThrow(/there is no history store/);
  });

  it('migrates down and up again, and a reader of an unmigrated store migrates it first', async () => {
    const file = join(dir, 'b.db');
    const store = await openHistoryStore(file);
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: () => Promise.resolve(historyMigrations.migrations) },
      migrationTableName: historyMigrations.table,
      migrationLockTableName: `${historyMigrations.table}_lock`,
    });
    expect((await migrator.migrateDown()).error).toBeUndefined();
    await store.close();
    const reader = await openHistoryStore(file, { readonly: true });
    try {
      expect(await reader.db.selectFrom('tag_digest').selectAll().execute()).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
