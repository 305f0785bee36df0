import { parseFeedTime } from '../../../time/instant.js';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture } from '../../../../test/fixtures.js';
import { advisoriesOf, readAll } from '../read-all.js';
import { wolfiAdvisoriesFeed } from './index.js';

interface RawEvent {
  timestamp: string;
  type: string;
  data?: { 'fixed-version'?: string };
}
interface RawDoc {
  package: { name: string };
  advisories: { id: string; aliases?: string[]; events: RawEvent[] }[];
}

const root = fixture('wolfi-advisories');
const rawDoc = async (name: string): Promise<RawDoc> =>
  parse(await readFile(join(root, name), 'utf8')) as RawDoc;

/** The first package file (in name order) holding an advisory whose latest event has this type. */
async function findLatest(
  type: string,
): Promise<{ file: string; pkg: string; id: string; events: RawEvent[] }> {
  for (const name of (await readdir(root)).filter((n) => n.endsWith('.yaml')).sort()) {
    const text = await readFile(join(root, name), 'utf8');
    if (!text.includes(`type: ${type}`)) continue;
    const doc = parse(text) as RawDoc;
    const a = doc.advisories.find((x) => x.events.at(-1)?.type === type);
    if (a) return { file: name, pkg: doc.package.name, id: a.id, events: a.events };
  }
  throw new Error(`no advisory ends with ${type}`);
}

describe('wolfi-advisories feed', () => {
  it('reads one advisory per "- id:" of every file', { timeout: 60_000 }, async () => {
    let expected = 0;
    for (const name of (await readdir(root)).filter((n) => n.endsWith('.yaml'))) {
      expected += (await readFile(join(root, name), 'utf8')).match(/^ {2}- id: /gm)?.length ?? 0;
    }
    const { items, warnings } = await readAll(wolfiAdvisoriesFeed, root);
    expect(warnings).toEqual([]);
    expect(items.length).toBe(expected);
  });

  it('takes fix state, fixed version and fixedAt from a fixed event', async () => {
    const doc = await rawDoc('aactl.advisories.yaml');
    const raw = doc.advisories.find((a) => a.events.at(-1)?.type === 'fixed');
    const fixed = raw?.events.at(-1);
    const advisories = advisoriesOf(
      (await readAll(wolfiAdvisoriesFeed, join(root, 'aactl.advisories.yaml'))).items,
    );
    const a = advisories.find((x) => x.id === raw?.id);
    expect(a?.aliases).toEqual(raw?.aliases);
    expect(a?.published).toBe(parseFeedTime(raw?.events[0]?.timestamp));
    // the current state is the last of the timeline
    expect(a?.affected.at(-1)).toMatchObject({
      ecosystem: 'Wolfi',
      package: 'aactl',
      fixState: 'fixed',
      fixedVersion: fixed?.data?.['fixed-version'],
      fixedAt: parseFeedTime(fixed?.timestamp),
      knownFrom: parseFeedTime(fixed?.timestamp),
    });
    expect(a?.affected.at(-1)?.knownTo).toBeUndefined();
  });

  it.each([
    ['false-positive-determination', 'not-affected'],
    ['fix-not-planned', 'wont-fix'],
    ['pending-upstream-fix', 'not-fixed'],
    ['true-positive-determination', 'not-fixed'],
  ])('maps a latest %s event to %s', { timeout: 30_000 }, async (type, state) => {
    const found = await findLatest(type);
    const advisories = advisoriesOf((await readAll(wolfiAdvisoriesFeed, join(root, found.file))).items);
    const a = advisories.find((x) => x.id === found.id);
    expect(a?.affected.at(-1)?.fixState).toBe(state);
    expect(a?.modified).toBe(parseFeedTime(found.events.at(-1)?.timestamp));
  });

  it('skips a malformed advisory with a warning naming file and record', async () => {
    const text = await readFile(join(root, 'aactl.advisories.yaml'), 'utf8');
    const doc = parse(text) as RawDoc;
    const broken = doc.advisories[1]?.id as string;
    const dir = await mkdtemp(join(tmpdir(), 'wolfi-bad-'));
    const file = join(dir, 'aactl.advisories.yaml');
    // the second advisory loses the timestamps of its events
    await writeFile(file, text.replace(new RegExp(`(- id: ${broken}[\\s\\S]*?)timestamp:`), '$1when:'));
    const { items, warnings } = await readAll(wolfiAdvisoriesFeed, file);
    expect(items.length).toBe(doc.advisories.length - 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.source).toBe(`${file}#${broken}`);
  });
});
