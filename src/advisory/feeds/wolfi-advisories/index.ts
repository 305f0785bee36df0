/** The Wolfi advisories feed: `*.advisories.yaml` of wolfi-dev/advisories (schema v2, timestamped events). */
import { InputError } from '../../../errors.js';
import type { Advisory, Affected } from '../../types.js';
import { firstFile, isDirectory, readHead, readText, walkFiles } from '../files.js';
import { parseJsonOrYaml } from '../parse-text.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { wolfiTimeline } from './fix-state.js';
import { advisoriesDocumentSchema, wolfiAdvisorySchema, type WolfiAdvisory } from './schema.js';

const NAME = 'wolfi-advisories';
const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/** Whether a file head is an advisories document: a schema version, a package and advisories. */
export function isWolfiAdvisoriesHead(head: string): boolean {
  return /^schema-version:/m.test(head) && /^package:/m.test(head);
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  const file = dir ? await firstFile(path, (n) => n.endsWith('.advisories.yaml')) : path;
  return file !== undefined && isWolfiAdvisoriesHead(await readHead(file));
}

/**
 * The normalised advisory of one Wolfi advisory of one package: one affected entry per state of
 * its timeline, each dated by the events that started and ended it (`knownFrom`, `knownTo`).
 */
export function normaliseWolfi(pkg: string, a: WolfiAdvisory, feed: string): Advisory {
  const { states, published, modified } = wolfiTimeline(a.events);
  const affected: Affected[] = states.map((s) => ({
    ecosystem: 'Wolfi',
    package: pkg,
    ranges:
      s.fixState === 'not-affected'
        ? []
        : [
            {
              type: 'ECOSYSTEM',
              events: s.fixedVersion
                ? [{ introduced: '0' }, { fixed: s.fixedVersion }]
                : [{ introduced: '0' }],
            },
          ],
    fixState: s.fixState,
    ...(s.fixedVersion ? { fixedVersion: s.fixedVersion, fixedAt: s.fixedAt } : {}),
    knownFrom: s.from,
    ...(s.to ? { knownTo: s.to } : {}),
  }));
  return {
    id: a.id,
    aliases: (a.aliases ?? []).filter((x) => x !== a.id),
    published,
    modified,
    severities: [],
    affected,
    feed,
  };
}

function* fileItems(file: string, options: FeedReadOptions): Generator<FeedItem> {
  let value: unknown;
  try {
    value = parseJsonOrYaml(file, readText(file));
  } catch (err) {
    options.onWarning({ source: file, message: `skipped file: ${(err as Error).message.split('\n')[0]}` });
    return;
  }
  const doc = validRecord(advisoriesDocumentSchema, value, { file, record: 'document' }, options);
  if (!doc) return;
  for (const [i, raw] of (doc.advisories ?? []).entries()) {
    const id = (raw as { id?: unknown } | null)?.id;
    const a = validRecord(
      wolfiAdvisorySchema,
      raw,
      { file, record: typeof id === 'string' ? id : `advisories[${i}]` },
      options,
    );
    if (a)
      yield {
        kind: 'advisory',
        advisory: normaliseWolfi(doc.package.name, a, NAME),
        recordId: `${doc.package.name}/${a.id}`,
        file,
      };
  }
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path)))
    throw new InputError(`${path} is not a Wolfi advisories YAML file or a folder of them.`);
  if (!(await isDirectory(path, NAME))) return yield* fileItems(path, options);
  for await (const file of walkFiles(path, isYaml)) yield* fileItems(file, options);
}

/** Wolfi's per-package advisories: fix state, fixed version and when, from timestamped events. */
export const wolfiAdvisoriesFeed: Feed = {
  name: NAME,
  description: 'Wolfi advisories YAML (schema v2): timestamped detection, fix and determination events',
  urls: ['https://github.com/wolfi-dev/advisories/archive/refs/heads/main.tar.gz'],
  detect,
  read,
};
