/**
 * `db export` / `db import` of a file DB: the DB travels as one file, the SQLite DB itself or
 * gzipped (`transfer.ts` sends a PostgreSQL server's to `postgres-target.ts`). An import is checked (a SQLite file, a cleanroom advisory DB, a schema version we can read) in a
 * temp file beside the target before it is renamed over it, so a bad file never replaces a good DB.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { ConflictError, InputError, errorMessage } from '../../errors.js';
import { sql } from 'kysely';
import { connect } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { advisoryMigrations } from './migrations/index.js';
import { SCHEMA_VERSION } from './schema.js';

// Schema 3 keeps an affected row's fixed version in columns and its ranges only where they say
// more; no migration reads the schemas before it (a DB is rebuilt from its feeds instead).
const OLDEST_MIGRATABLE = 3;
import type { AdvisoryTables } from './schema.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

async function head(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Copies the DB to one file; a name ending in `.gz` is gzipped. Written atomically. */
export async function exportAdvisoryDbFile(dbPath: string, file: string): Promise<void> {
  if (!existsSync(dbPath)) throw new InputError(`no advisory DB at ${dbPath} to export`);
  const temp = tempBeside(file);
  try {
    if (file.endsWith('.gz'))
      await pipeline(createReadStream(dbPath), createGzip({ level: 6 }), createWriteStream(temp));
    else await pipeline(createReadStream(dbPath), createWriteStream(temp));
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw new InputError(`cannot export the advisory DB to ${file}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Checks an exported DB (plain or gzipped) and swaps it in over `dbPath` atomically. */
export async function importAdvisoryDbFile(
  file: string,
  dbPath: string,
): Promise<{ schemaVersion: number; builtAt: string }> {
  if (!existsSync(file)) throw new InputError(`the file to import ${file} does not exist`);
  await mkdir(dirname(dbPath), { recursive: true });
  const temp = tempBeside(dbPath);
  try {
    const gzipped = (await head(file, 2)).equals(Buffer.from([0x1f, 0x8b]));
    try {
      if (gzipped) await pipeline(createReadStream(file), createGunzip(), createWriteStream(temp));
      else await pipeline(createReadStream(file), createWriteStream(temp));
    } catch (err) {
      throw new InputError(`cannot read ${file}: ${errorMessage(err)}`, { cause: err });
    }
    if (!(await head(temp, 16)).equals(SQLITE_MAGIC))
      throw new InputError(`${file} is not a SQLite database (nor a gzipped one)`);
    const meta = await checkAndMigrate(temp, file);
    await rename(temp, dbPath);
    return meta;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Checks a SQLite file is a cleanroom advisory DB of a schema we read (naming it `file`), bringing an older one forward. */
export async function checkAndMigrate(
  temp: string,
  file: string,
): Promise<{ schemaVersion: number; builtAt: string }> {
  const store = await connect<AdvisoryTables>(temp);
  try {
    const rows = await store.db
      .selectFrom('meta')
      .selectAll()
      .execute()
      .catch(() => {
        throw new InputError(`${file} is a SQLite database but not a cleanroom advisory DB`);
      });
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    const schemaVersion = Number(value('schema_version'));
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
      throw new InputError(`${file} is a SQLite database but not a cleanroom advisory DB`);
    if (schemaVersion < OLDEST_MIGRATABLE)
      throw new InputError(
        `${file} has advisory DB schema ${schemaVersion}, older than this cleanroom can bring forward; rebuild it with "cleanroom db build" or "cleanroom db update"`,
      );
    if (schemaVersion > SCHEMA_VERSION)
      throw new ConflictError(
        `${file} has advisory DB schema ${schemaVersion}, newer than this cleanroom reads (${SCHEMA_VERSION}); upgrade cleanroom`,
      );
    // an older schema is brought forward before it goes live
    await migrateToLatest(store.db, advisoryMigrations, file);
    // a writer opens in WAL mode; the file that goes live is a single file, as a build leaves it
    await sql`PRAGMA journal_mode = DELETE`.execute(store.db);
    return { schemaVersion: SCHEMA_VERSION, builtAt: value('built_at') ?? '' };
  } finally {
    await store.close();
  }
}
