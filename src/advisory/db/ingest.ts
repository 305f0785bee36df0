/**
 * Streams the items of resolved sources into a store: rows are buffered and written in large
 * batches, so a feed of any size passes through in constant memory.
 */
import { stat } from 'node:fs/promises';
import { InputError, errorMessage } from '../../errors.js';
import type { Warning } from '../../errors.js';
import type { Row, Store } from '../../store/connect.js';
import type { Feed } from '../feeds/types.js';
import type { FeedStatus } from './types.js';
import { previousRecord, recordKey } from './previous.js';
import type { PreviousBuild } from './previous.js';
import { advisoryRows, epssRow, kevRow } from './rows.js';
import type { AdvisoryTables } from './schema.js';

/** One source with its feed known, and what the download said about it. */
export interface ResolvedSource {
  feed: Feed;
  path: string;
  /** where it was downloaded from, when it was */
  url?: string;
  fetchedAt?: string;
  etag?: string;
  lastModified?: string;
}

export interface IngestProgress {
  feed: string;
  records: number;
}

export interface IngestOptions {
  now: string;
  previous?: PreviousBuild;
  /** filled with the key of every record written, to find the ones that disappeared */
  seen: Set<string>;
  /** filled with the key of every record whose undated content changed since the previous build */
  changed: Set<string>;
  onWarning?: (warning: Warning) => void;
  onProgress?: (progress: IngestProgress) => void;
}

const BATCH = 5000;

/** Reads one source through its feed into the store; returns its feed status row. */
export async function ingestSource(
  store: Store<AdvisoryTables>,
  source: ResolvedSource,
  options: IngestOptions,
): Promise<FeedStatus> {
  const name = source.feed.name;
  const fetchedAt = source.fetchedAt ?? (await fileTime(source.path)) ?? options.now;
  const buffers = new Map<string, Row[]>([
    ['vulnerability', []],
    ['alias', []],
    ['affected', []],
    ['kev', []],
    ['epss', []],
  ]);
  const push = (table: string, rows: Row[]) => {
    const buffer = buffers.get(table)!;
    for (const row of rows) buffer.push(row);
  };
  const flush = async (force: boolean) => {
    for (const [table, rows] of buffers) {
      if (rows.length === 0 || (!force && rows.length < BATCH)) continue;
      // duplicate ids (one record listed twice, or one CVE in KEV twice) keep their first row
      await store.bulkInsert(table, rows.splice(0), { ignoreConflicts: table !== 'affected' });
    }
  };
  let records = 0;
  let version = '';
  const onWarning = options.onWarning ?? (() => undefined);
  try {
    for await (const item of source.feed.read(source.path, { onWarning })) {
      records++;
      if (item.kind === 'advisory') {
        const key = recordKey(name, item.recordId);
        options.seen.add(key);
        const rows = advisoryRows(item.advisory, item.recordId, name, {
          now: options.now,
          fetchedAt,
          previous: previousRecord(options.previous, key),
        });
        if (rows.changed) options.changed.add(key);
        push('vulnerability', [rows.vulnerability]);
        push('alias', rows.aliases);
        push('affected', rows.affected);
        // Go's vulndb writes a zero `modified` (0001-01-01): the publication date is the better clock
        for (const date of [item.advisory.modified, item.advisory.published])
          if (date && date > version && !date.startsWith('0001')) version = date;
      } else if (item.kind === 'kev') {
        push('kev', [kevRow(item)]);
        if (item.dateAdded > version) version = item.dateAdded;
      } else {
        push('epss', [epssRow(item)]);
        if (item.date && item.date > version) version = item.date;
      }
      if (records % BATCH === 0) {
        await flush(false);
        options.onProgress?.({ feed: name, records });
      }
    }
    await flush(true);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the ${name} feed from ${source.path}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  options.onProgress?.({ feed: name, records });
  return { name, version: version || fetchedAt, fetchedAt, records, source: source.url ?? source.path };
}

async function fileTime(path: string): Promise<string | undefined> {
  try {
    return (await stat(path)).mtime.toISOString();
  } catch {
    throw new InputError(`the advisory source ${path} does not exist`);
  }
}
