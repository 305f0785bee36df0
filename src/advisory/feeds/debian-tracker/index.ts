/** The Debian security tracker feed: its JSON export, SOURCE → CVE → release → status. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../../../errors.js';
import { isDirectory, isGzipFile, readHead } from '../files.js';
import { jsonObjectEntries } from '../json-entries.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { trackerAdvisory } from './normalise.js';
import { trackerIssueSchema, trackerPackageSchema } from './schema.js';

const NAME = 'debian-tracker';

/** Whether a file head is the tracker JSON: `{"source": {"CVE-…" | "TEMP-…": {…`. */
export function isTrackerHead(head: string): boolean {
  return /^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(CVE|TEMP)-[^"]*"\s*:\s*\{/.test(head);
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  return dir === false && isTrackerHead(await readHead(path));
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path))) throw new InputError(`${path} is not Debian's security tracker JSON.`);
  const stream = (await isGzipFile(path))
    ? createReadStream(path).pipe(createGunzip())
    : createReadStream(path);
  const ctx = { feed: NAME, file: path, modified: (await stat(path)).mtime.toISOString() };
  try {
    for await (const [source, text] of jsonObjectEntries(stream)) {
      let issues: unknown;
      try {
        issues = JSON.parse(text);
      } catch (err) {
        options.onWarning({ source: `${path}#${source}`, message: `skipped package: ${errorMessage(err)}` });
        continue;
      }
      const pkg = validRecord(trackerPackageSchema, issues, { file: path, record: source }, options);
      for (const [id, raw] of Object.entries(pkg ?? {})) {
        const issue = validRecord(
          trackerIssueSchema,
          raw,
          { file: path, record: `${source}/${id}` },
          options,
        );
        if (issue) {
          yield {
            kind: 'advisory',
            advisory: trackerAdvisory(source, id, issue, ctx, options),
            recordId: `${source}/${id}`,
            file: path,
          };
        }
      }
    }
  } catch (err) {
    // a broken stream or truncated object: what was read stands, the rest is reported
    options.onWarning({ source: path, message: `stopped reading: ${errorMessage(err)}` });
  } finally {
    stream.destroy();
  }
}

/**
 * Debian's tracker: per source package and release, fixed / open / not-affected, with urgency.
 * One advisory per (source package, CVE): the JSON is keyed by package, and grouping by CVE would
 * hold the whole file; the DB merges them by vulnerability id.
 */
export const debianTrackerFeed: Feed = {
  name: NAME,
  description: 'Debian security tracker JSON (status per source package and release, urgency)',
  urls: ['https://security-tracker.debian.org/tracker/data/json'],
  detect,
  read,
};
