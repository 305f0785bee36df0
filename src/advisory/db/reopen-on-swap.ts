/**
 * A reader of an advisory DB file that follows the file: `db update` renames a new build over the
 * old one, so a process that keeps a reader open (the API server, a worker) would go on reading
 * the old, unlinked file. Before each call the file's identity (inode, size, mtime) is compared
 * with the one opened, a stat of a few microseconds, and a changed file is opened anew.
 */
import { statSync } from 'node:fs';
import type { AdvisoryDbReader } from './types.js';

function identity(file: string): string {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** Wraps `open` so that every call reads the DB file that is at `file` now. */
export async function reopenOnSwap(
  file: string,
  open: () => Promise<AdvisoryDbReader>,
): Promise<AdvisoryDbReader> {
  let opened = identity(file);
  let reader = await open();
  const current = async (): Promise<AdvisoryDbReader> => {
    const now = identity(file);
    // a file that went away keeps the reader it had: the next build will be renamed in
    if (now !== opened && now !== 'missing') {
      const next = await open();
      const old = reader;
      reader = next;
      opened = now;
      await old.close();
    }
    return reader;
  };
  return {
    meta: async () => (await current()).meta(),
    affected: async (ecosystem, packages, options) =>
      (await current()).affected(ecosystem, packages, options),
    vulnerabilities: async (ids) => (await current()).vulnerabilities(ids),
    vulnerabilityDetail: async (id) => (await current()).vulnerabilityDetail(id),
    kev: async (cves) => (await current()).kev(cves),
    epss: async (cves) => (await current()).epss(cves),
    history: async () => (await current()).history(),
    ecosystems: async () => (await current()).ecosystems(),
    close: () => reader.close(),
  };
}
