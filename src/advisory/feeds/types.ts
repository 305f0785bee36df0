import type { Warning } from '../../errors.js';
import type { Advisory } from '../types.js';

/** One normalised item a feed yields: an advisory, or enrichment keyed by CVE id. */
export type FeedItem =
  | { kind: 'advisory'; advisory: Advisory; recordId: string; file: string }
  | {
      kind: 'kev';
      cve: string;
      dateAdded: string;
      dueDate?: string;
      knownRansomware?: boolean;
      vendor?: string;
      product?: string;
    }
  | { kind: 'epss'; cve: string; epss: number; percentile: number; date?: string };

export interface FeedReadOptions {
  onWarning(warning: Warning): void;
}

/**
 * One advisory source (OSV, Alpine secdb, Wolfi, Debian tracker, CVE 5, KEV, EPSS). Reading is
 * streaming: a feed yields items as it parses, so a large feed never sits whole in memory.
 */
export interface Feed {
  /** the name used on the CLI: `--source osv=PATH` */
  name: string;
  description: string;
  /** official download locations, for `db update` */
  urls: string[];
  /** whether a local file or folder holds this feed's format (by content, cheaply) */
  detect(path: string): Promise<boolean>;
  /** reads a local file, folder or archive of this feed into normalised items */
  read(path: string, options: FeedReadOptions): AsyncIterable<FeedItem>;
}
