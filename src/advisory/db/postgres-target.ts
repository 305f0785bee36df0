/**
 * A PostgreSQL server as the advisory DB. A build, an update or an import is made into a SQLite
 * file in the system temp dir first (the fast path, with all the checks of a file DB), then copied
 * into the server in ONE transaction: readers see the old content until the commit, and a load
 * killed halfway (or a failed source) leaves the previous content whole.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type pg from 'pg';
import { NotFoundError } from '../../errors.js';
import { connect } from '../../store/connect.js';
import { copyTables, listTables } from '../../store/copy-tables.js';
import type { CopyProgress } from '../../store/copy-tables.js';
import { migrateToLatest } from '../../store/migrate.js';
import { redactUrl } from '../../store/postgres-errors.js';
import { buildAdvisoryDbFile } from './build-file.js';
import type { BuildOptions, BuildResult } from './build-file.js';
import { advisoryMigrations } from './migrations/index.js';
import type { AdvisoryTables } from './schema.js';
import { exportAdvisoryDbFile, importAdvisoryDbFile } from './transfer-file.js';

export interface LoadOptions {
  /** a pg Pool to share instead of opening one */
  pool?: pg.Pool;
  /** rows per chunk of the copy (default 5,000) */
  chunkRows?: number;
  onCopy?: (progress: CopyProgress) => void;
}

/**
 * Connects to the server and asks whether it holds a build: run before any download or build, so
 * that an unreachable server fails first (UnavailableError). The schema is migrated only by the
 * load, so that a server never built into stays empty.
 */
export async function checkPostgresTarget(
  url: string,
  options: LoadOptions = {},
): Promise<{ built: boolean }> {
  const store = await connect<AdvisoryTables>(url, { pool: options.pool });
  try {
    const { rows } = await sql<{ built: boolean }>`SELECT to_regclass('meta') IS NOT NULL AS built`.execute(
      store.db,
    );
    if (!rows[0]?.built) return { built: false };
    return { built: (await store.db.selectFrom('meta').select('key').limit(1).execute()).length > 0 };
  } finally {
    await store.close();
  }
}

/** Builds the advisory DB into the PostgreSQL server `options.out`, keeping the server's history. */
export async function buildIntoPostgres(options: BuildOptions & LoadOptions): Promise<BuildResult> {
  const started = performance.now();
  const { built } = await checkPostgresTarget(options.out, options);
  return throughTempFile(async (file) => {
    // a server with no build yet (never loaded, or its first load killed after the migrations
    // committed) has no history to carry: the build starts afresh, as beside a missing file
    const previousDb = options.previousDb ?? (built ? options.out : file);
    const result = await buildAdvisoryDbFile({ ...options, out: file, previousDb });
    await loadIntoPostgres(file, options.out, options);
    return { ...result, seconds: (performance.now() - started) / 1000 };
  });
}

/** Checks an exported DB file (plain or gzipped) and loads it into the PostgreSQL server `url`. */
export async function importIntoPostgres(
  file: string,
  url: string,
  options: LoadOptions = {},
): Promise<{ schemaVersion: number; builtAt: string }> {
  await checkPostgresTarget(url, options);
  return throughTempFile(async (temp) => {
    const meta = await importAdvisoryDbFile(file, temp);
    await loadIntoPostgres(temp, url, options);
    return meta;
  });
}

/**
 * Replaces the advisory content of the server `url` with that of the SQLite DB `file` (of the
 * current schema) in one transaction. Returns the rows copied per table.
 */
export async function loadIntoPostgres(
  file: string,
  url: string,
  options: LoadOptions = {},
): Promise<Record<string, number>> {
  const source = await connect<AdvisoryTables>(file, { readonly: true });
  try {
    const target = await connect<AdvisoryTables>(url, { pool: options.pool });
    try {
      await migrateToLatest(target.db, advisoryMigrations, redactUrl(url));
      // meta goes last: its built_at is what says which build the tables hold
      const tables = (await listTables(source))
        .filter((t) => !t.startsWith(advisoryMigrations.table))
        .sort((a, b) => Number(a === 'meta') - Number(b === 'meta'));
      const copied = await copyTables(source, target, tables, {
        chunkRows: options.chunkRows,
        onProgress: options.onCopy,
      });
      // planner statistics for the new rows, after the commit: the copy transaction stays short
      await sql.raw(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`).execute(target.db);
      return copied;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Writes the advisory DB of the PostgreSQL server `url` to one file, as `db export` of a file DB does. */
export async function exportFromPostgres(
  url: string,
  file: string,
  options: LoadOptions = {},
): Promise<void> {
  const server = await connect<AdvisoryTables>(url, { pool: options.pool });
  try {
    await throughTempFile(async (temp) => {
      const copy = await connect<AdvisoryTables>(temp, { bulkLoad: true });
      try {
        await migrateToLatest(copy.db, advisoryMigrations, temp);
        const tables = (await listTables(server)).filter((t) => !t.startsWith(advisoryMigrations.table));
        if (
          !tables.includes('meta') ||
          (await server.db.selectFrom('meta').select('key').limit(1).execute()).length === 0
        )
          throw new NotFoundError(`the PostgreSQL server ${redactUrl(url)} holds no advisory DB to export`);
        await copyTables(server, copy, tables, { chunkRows: options.chunkRows, onProgress: options.onCopy });
        await sql`ANALYZE`.execute(copy.db);
        await sql`PRAGMA journal_mode = DELETE`.execute(copy.db);
      } finally {
        await copy.close();
      }
      await exportAdvisoryDbFile(temp, file);
    });
  } finally {
    await server.close();
  }
}

// The temp file lives in its own folder of the system temp dir and goes whatever happens (short
// of SIGKILL, which leaves only a file in the temp dir and never touches the server's content).
async function throughTempFile<T>(fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cleanroom-pg-load-'));
  try {
    return await fn(join(dir, 'advisory.db'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
