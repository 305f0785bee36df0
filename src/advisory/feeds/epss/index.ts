/** The EPSS feed: exploit prediction scores per CVE, from CSV (plain or gzip), a file or a folder. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../../errors.js';
import { isDirectory, isGzipFile, readHead, walkFiles } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { parseEpssLine } from './parse-line.js';

const NAME = 'epss';
const isCsv = (name: string): boolean => /\.csv(\.gz)?$/i.test(name);
/** after this many bad lines in one file, stop reporting each (a wrong file would flood warnings) */
const MAX_LINE_WARNINGS = 20;

async function isEpssFile(file: string): Promise<boolean> {
  const lines = (await readHead(file, 1024)).split('\n').slice(0, 3);
  return lines.some(
    (l) => parseEpssLine(l).kind === 'score' || /^#model_version|^cve,epss,percentile/i.test(l.trim()),
  );
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  if (!dir) return isEpssFile(path);
  for await (const file of walkFiles(path, isCsv)) return isEpssFile(file);
  return false;
}

async function* readCsv(file: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  const raw = createReadStream(file);
  const input = (await isGzipFile(file)) ? raw.pipe(createGunzip()) : raw;
  let date: string | undefined;
  let bad = 0;
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    const parsed = parseEpssLine(line);
    if (parsed.kind === 'score') {
      yield {
        kind: 'epss',
        cve: parsed.cve,
        epss: parsed.epss,
        percentile: parsed.percentile,
        ...(date ? { date } : {}),
      };
    } else if (parsed.kind === 'date') {
      date = parsed.date;
    } else if (parsed.kind === 'bad' && ++bad <= MAX_LINE_WARNINGS) {
      options.onWarning({ source: `${file}:${lineNo}`, message: `skipped line: ${parsed.reason}` });
    }
  }
  if (bad > MAX_LINE_WARNINGS) options.onWarning({ source: file, message: `${bad} lines skipped in all` });
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path)))
    throw new InputError(`${path} is not an EPSS CSV file (plain or gzip) or a folder of them.`);
  if (!(await isDirectory(path, NAME))) return yield* readCsv(path, options);
  for await (const file of walkFiles(path, isCsv)) yield* readCsv(file, options);
}

/** FIRST's EPSS: the probability of exploitation in the next 30 days, and its percentile. */
export const epssFeed: Feed = {
  name: NAME,
  description: 'EPSS scores (CSV: FIRST daily gzip file, or per-year semicolon files)',
  urls: ['https://epss.empiricalsecurity.com/epss_scores-current.csv.gz'],
  detect,
  read,
};
