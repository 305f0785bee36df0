/**
 * `db update`: downloads every feed (its official URLs, or the `--source` mirrors and folders)
 * into the cache, then rebuilds the DB into a temp file and swaps it in. Any failure before the
 * swap leaves the previous DB exactly as it was.
 */
import { existsSync } from 'node:fs';
import type { Warning } from '../../errors.js';
import { isPostgresUrl } from '../../store/connect.js';
import type { CopyProgress } from '../../store/copy-tables.js';
import type { Feed } from '../feeds/types.js';
import { buildAdvisoryDb } from './build.js';
import type { BuildResult, BuildSource } from './build.js';
import { downloadFeedFile } from './download.js';
import { isUrl } from './source-location.js';
import type { DownloadProgress, Downloaded } from './download.js';
import { registeredFeeds } from './feed-lookup.js';
import type { IngestProgress } from './ingest.js';
import { defaultCacheDir } from './paths.js';
import { openAdvisoryDb } from './reader.js';

export interface UpdateSource {
  feed?: string;
  /** an http(s) URL, or a local file or folder */
  location: string;
}

export interface UpdateOptions {
  db: string;
  /** default: every registered feed's official URLs */
  sources?: UpdateSource[];
  cacheDir?: string;
  feeds?: ReadonlyMap<string, Feed>;
  retryDelayMs?: number;
  onDownload?: (progress: DownloadProgress) => void;
  onProgress?: (progress: IngestProgress) => void;
  onWarning?: (warning: Warning) => void;
  /** the copy into a PostgreSQL `db`, table by table */
  onCopy?: (progress: CopyProgress) => void;
}

export interface UpdateResult {
  downloads: Downloaded[];
  /** absent when every download was unchanged and the DB already held exactly these sources */
  build?: BuildResult;
}

/** The official sources of every registered feed. */
export function officialSources(feeds: ReadonlyMap<string, Feed>): UpdateSource[] {
  return [...feeds.values()].flatMap((feed) => feed.urls.map((location) => ({ feed: feed.name, location })));
}

/** Downloads what changed and rebuilds the DB at `options.db`, keeping its history. */
export async function updateAdvisoryDb(options: UpdateOptions): Promise<UpdateResult> {
  // a server that cannot be reached or written fails now, not after every feed was downloaded
  const target = isPostgresUrl(options.db) ? await import('./postgres-target.js') : undefined;
  await target?.checkPostgresTarget(options.db);
  const feeds = options.feeds ?? (await registeredFeeds());
  const sources = options.sources ?? officialSources(feeds);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const downloads: Downloaded[] = [];
  const buildSources: BuildSource[] = [];
  // every download completes before the build starts: a cut download never reaches the DB
  for (const source of sources) {
    if (!isUrl(source.location)) {
      buildSources.push({ feed: source.feed, path: source.location });
      continue;
    }
    const got = await downloadFeedFile(source.location, {
      cacheDir,
      onProgress: options.onDownload,
      retryDelayMs: options.retryDelayMs,
    });
    downloads.push(got);
    buildSources.push({
      feed: source.feed,
      path: got.path,
      url: got.url,
      fetchedAt: got.fetchedAt,
      etag: got.etag,
      lastModified: got.lastModified,
    });
  }
  if (await upToDate(options.db, sources, downloads)) return { downloads };
  const buildOptions = {
    sources: buildSources,
    out: options.db,
    feeds,
    onProgress: options.onProgress,
    onWarning: options.onWarning,
  };
  const build = target
    ? await target.buildIntoPostgres({ ...buildOptions, onCopy: options.onCopy })
    : await buildAdvisoryDb(buildOptions);
  return { downloads, build };
}

// nothing to rebuild when every source is a URL that answered 304 and the DB was built from them
async function upToDate(db: string, sources: UpdateSource[], downloads: Downloaded[]): Promise<boolean> {
  if (
    (!isPostgresUrl(db) && !existsSync(db)) ||
    downloads.length !== sources.length ||
    downloads.some((d) => d.changed)
  )
    return false;
  try {
    const reader = await openAdvisoryDb(db);
    try {
      const built = (await reader.meta()).feeds.flatMap((f) => f.source.split(' '));
      return JSON.stringify([...built].sort()) === JSON.stringify(downloads.map((d) => d.url).sort());
    } finally {
      await reader.close();
    }
  } catch {
    return false;
  }
}
