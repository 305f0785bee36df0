/**
 * What every request of one server shares: the history store, open once (a pg Pool for
 * PostgreSQL), and one advisory DB reader opened at the first replay (it reopens the file by
 * itself when `db update` swaps a new build in). Nothing is opened per request. The VEX
 * documents of `serve --vex FILE` are read once here, for the "after VEX" rule (`afterVex=true`).
 */
import { statSync } from 'node:fs';
import pg from 'pg';
import { openAdvisoryDb } from '../advisory/db/index.js';
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { openHistoryStore, type HistoryStore } from '../history/store/open.js';
import { readVexFiles } from '../history/vex-points.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import type { HistoryTables } from '../history/store/schema.js';
import { connect, isPostgresUrl } from '../store/connect.js';

export interface ServerContext {
  store: HistoryStore;
  /** the store's location (what `--store` said; every route uses `store`, opened once) */
  storeUrl: string;
  dbPath: string;
  /** the advisory DB reader, opened once on first use */
  reader(): Promise<AdvisoryDbReader>;
  /** whether an advisory DB can be opened (resolved uses one only when it exists) */
  hasDb(): Promise<boolean>;
  /**
   * which build of the advisory DB file answers now (inode, size, modification time): `db update`
   * swaps a new file in by rename, which changes it; undefined when there is no file (or the DB is
   * on PostgreSQL), and then answers that read the DB are not kept
   */
  dbVersion(): string | undefined;
  /** the VEX documents the server was started with (`serve --vex FILE`) and their statements */
  vex: { documents: number; statements: readonly VexDocumentStatement[] };
  close(): Promise<void>;
}

export interface ServerContextOptions {
  /** VEX documents (OpenVEX or CycloneDX) read once; a file that cannot be read or parsed is an InputError */
  vex?: readonly string[];
}

/** Opens the store (migrating it once), reads the VEX documents and prepares the advisory reader. */
export async function openServerContext(
  storeUrl: string,
  dbPath: string,
  options: ServerContextOptions = {},
): Promise<ServerContext> {
  // before anything is opened: a bad file stops the server from starting, with nothing to close
  const statements = await readVexFiles(options.vex);
  let pool: pg.Pool | undefined;
  let store: HistoryStore;
  if (isPostgresUrl(storeUrl)) {
    await (await openHistoryStore(storeUrl)).close(); // migrations, once
    pool = new pg.Pool({ connectionString: storeUrl, max: 10 });
    store = await connect<HistoryTables>(storeUrl, { pool });
  } else store = await openHistoryStore(storeUrl);
  let reader: Promise<AdvisoryDbReader> | undefined;
  const openReader = () => {
    reader ??= openAdvisoryDb(dbPath);
    // a failed open (no DB yet) is retried on the next request rather than remembered
    reader.catch(() => (reader = undefined));
    return reader;
  };
  return {
    store,
    storeUrl,
    dbPath,
    reader: openReader,
    vex: { documents: options.vex?.length ?? 0, statements },
    dbVersion() {
      if (isPostgresUrl(dbPath)) return undefined;
      try {
        const st = statSync(dbPath, { bigint: true });
        return `${st.ino}:${st.size}:${st.mtimeNs}`;
      } catch {
        return undefined;
      }
    },
    async hasDb() {
      return openReader().then(
        () => true,
        () => false,
      );
    },
    async close() {
      if (reader) await (await reader.catch(() => undefined))?.close();
      await store.close();
      await pool?.end();
    },
  };
}
