/**
 * The last check before a pulled DB goes live: a SQLite file, a cleanroom advisory DB, a schema
 * this cleanroom reads. A DB of the current schema is only read (a writer connection would bump
 * SQLite's change counter, and the pulled file must stay the pushed file byte for byte); an older
 * one is brought forward by the import logic of `db import`, which also refuses a newer one.
 */
import { open } from 'node:fs/promises';
import { InputError } from '../../../errors.js';
import { connect } from '../../../store/connect.js';
import { SCHEMA_VERSION } from '../schema.js';
import type { AdvisoryTables } from '../schema.js';
import { checkAndMigrate } from '../transfer.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Checks the SQLite file at `path` (named `label` in errors); returns its schema and build time. */
export async function checkPulledDb(
  path: string,
  label: string,
): Promise<{ schemaVersion: number; builtAt: string }> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(16);
  await handle.read(head, 0, 16, 0).finally(() => handle.close());
  if (!head.equals(SQLITE_MAGIC)) throw new InputError(`${label} does not hold a SQLite database`);
  const store = await connect<AdvisoryTables>(path, { readonly: true });
  let rows: { key: string; value: string }[] = [];
  try {
    rows = await store.db
      .selectFrom('meta')
      .selectAll()
      .execute()
      .catch(() => []);
  } finally {
    await store.close();
  }
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  if (Number(value('schema_version')) === SCHEMA_VERSION)
    return { schemaVersion: SCHEMA_VERSION, builtAt: value('built_at') ?? '' };
  return checkAndMigrate(path, label);
}
