import type { Store } from '../../store/connect.js';
import type { AdvisoryTables } from './schema.js';

/**
 * The schema version a DB says it has (`meta.schema_version`), its text as stored, or undefined
 * when the file has no such row or no meta table (not a cleanroom advisory DB).
 */
export async function storedSchemaVersion(store: Store<AdvisoryTables>): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'schema_version')
    .executeTakeFirst()
    .catch(() => undefined);
  return row?.value;
}
