/** The CISA KEV feed: the Known Exploited Vulnerabilities catalogue (JSON). */
import { z } from 'zod';
import { InputError, errorMessage } from '../../../errors.js';
import { isDirectory, readHead, readText } from '../files.js';
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

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  return dir === false && isKevHead(await readHead(path));
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path))) throw new InputError(`${path} is not the CISA KEV catalogue JSON.`);
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
