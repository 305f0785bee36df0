import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';

// Loaded on first use: most images have no rpm database, and every run would pay for the addon.
const loadSqlite = () => createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/**
 * Header blobs from an rpm SQLite database (`rpmdb.sqlite`, rpm ≥ 4.16): table `Packages(hnum,
 * blob)`. better-sqlite3 opens a serialized database straight from a Buffer, but refuses one whose
 * header says WAL mode (rpm uses WAL), so bytes 18–19 (file format write/read version, SQLite file
 * format §1.3.4) are set back to 1 = rollback journal on a copy. A pending `-wal` file is not read.
 */
export function sqliteHeaderBlobs(content: Buffer): Buffer[] {
  const copy = Buffer.from(content);
  if (copy.length >= 100 && copy[18] === 2) copy[18] = 1;
  if (copy.length >= 100 && copy[19] === 2) copy[19] = 1;
  const Database = loadSqlite();
  const db = new Database(copy, { readonly: true });
  try {
    const rows = db.prepare('SELECT blob FROM Packages ORDER BY hnum').all() as { blob: Buffer }[];
    return rows.map((row) => row.blob);
  } finally {
    db.close();
  }
}

/** Whether bytes look like an SQLite database (its 16-byte magic string). */
export function isSqlite(content: Buffer): boolean {
  return content.subarray(0, 16).toString('latin1') === 'SQLite format 3\0';
}
