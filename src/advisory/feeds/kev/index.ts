/** The CISA KEV feed: the Known Exploited Vulnerabilities catalogue (JSON). */
import { z } from 'zod';
import { InputError, errorMessage } from '../../../errors.js';
import { isDirectory, readHead, readText, walkFiles } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';

const NAME = 'kev';

const catalogSchema = z.object({
  catalogVersion: z.string().optional(),
  vulnerabilities: z.array(z.unknown()),
});

const entrySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
  dateAdded: z.string().min(1),
  dueDate: z.string().optional(),
  knownRansomwareCampaignUse: z.string().optional(),
  vendorProject: z.string().optional(),
  product: z.string().optional(),
});

/** Whether a file head is the KEV catalogue. */
export function isKevHead(head: string): boolean {
  return /"catalogVersion"\s*:/.test(head) && /"(vulnerabilities|count|dateReleased)"\s*:/.test(head);
}

const isJson = (name: string): boolean => /\.json(\.gz)?$/i.test(name);

// the catalogue files of a path: the file itself, or the catalogue JSON files of a folder (a
// mirror keeps it in a folder, as the EPSS and OSV feeds are kept)
async function catalogues(path: string): Promise<string[]> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return [];
  if (!dir) return isKevHead(await readHead(path)) ? [path] : [];
  const out: string[] = [];
  for await (const file of walkFiles(path, isJson)) if (isKevHead(await readHead(file))) out.push(file);
  return out;
}

async function detect(path: string): Promise<boolean> {
  return (await catalogues(path)).length > 0;
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  const files = await catalogues(path);
  if (files.length === 0)
    throw new InputError(`${path} is not the CISA KEV catalogue JSON or a folder that holds it.`);
  for (const file of files) yield* readCatalogue(file, options);
}

async function* readCatalogue(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  let catalog: z.infer<typeof catalogSchema>;
  try {
    // ~1.5 MB for ~1,400 entries: parsed whole, it is small
    catalog = catalogSchema.parse(JSON.parse(readText(path)));
  } catch (err) {
    throw new InputError(
      `${path} is not a readable CISA KEV catalogue: ${errorMessage(err).split('\n')[0]}.`,
      { cause: err },
    );
  }
  for (const [i, raw] of catalog.vulnerabilities.entries()) {
    const cve = (raw as { cveID?: unknown } | null)?.cveID;
    const e = validRecord(
      entrySchema,
      raw,
      { file: path, record: typeof cve === 'string' ? cve : `vulnerabilities[${i}]` },
      options,
    );
    if (!e) continue;
    yield {
      kind: 'kev',
      cve: e.cveID,
      dateAdded: e.dateAdded,
      ...(e.dueDate ? { dueDate: e.dueDate } : {}),
      ...(e.knownRansomwareCampaignUse ? { knownRansomware: e.knownRansomwareCampaignUse === 'Known' } : {}),
      ...(e.vendorProject ? { vendor: e.vendorProject } : {}),
      ...(e.product ? { product: e.product } : {}),
    };
  }
}

/** CISA's catalogue of vulnerabilities known to be exploited, with the date each was added. */
export const kevFeed: Feed = {
  name: NAME,
  description: 'CISA Known Exploited Vulnerabilities catalogue (JSON)',
  urls: ['https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json'],
  detect,
  read,
};
