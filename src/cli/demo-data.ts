/**
 * The demo's store: an advisory DB and a history store built, offline, from the real data bundled
 * in examples/demo/ (examples/README.md names every source). Built once into a folder; a second
 * run finds the marker file written last and reuses what the first built.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defaultDbPath } from '../advisory/db/paths.js';
import { SCANNER } from '../scanner.js';

const example = (path: string) => fileURLToPath(new URL(`../../examples/${path}`, import.meta.url));

/** The tags the demo tracks, and where their dated SBOMs are. */
export const DEMO_TAGS = [
  { as: 'cgr.dev/chainguard/python:latest', folder: 'demo/wolfi-python' },
  { as: 'debian/python:bookworm', folder: 'demo/debian-python' },
  // cleanroom's own image (npm run image): the SBOM `cleanroom sbom` made of the built layout
  { as: 'cleanroom:0.1.0', folder: 'demo/cleanroom-image' },
] as const;
/** A dated tag never rebuilt: the release-day inventory, observed then and at the demo's end. */
export const DEMO_PINNED = {
  as: 'debian/python:bookworm-20230610',
  folder: 'demo/debian-python-pinned',
  at: ['2023-06-10T12:00:00Z', '2024-12-31T12:00:00Z'],
} as const;
export const DEMO_ALPINE = {
  as: 'alpine:3.9',
  image: 'alpine-3.9.4.docker.tar.gz',
  at: '2019-05-11T12:00:00Z',
};

// bump when examples/demo or the steps below change, so an old folder is rebuilt, not reused
const LAYOUT = 7;
// the DB's build time: the wolfi-advisories snapshot, so that records without a date of their own
// are "known from" a fixed day and every run gives the same numbers
const BUILT_AT = '2025-05-07T00:00:00.000Z';

export interface DemoStore {
  dir: string;
  store: string;
  db: string;
  reused: boolean;
}

/** The demo's default folder: beside the user's advisory DB (~/.local/share/cleanroom/demo). */
export const defaultDemoDir = () => join(defaultDbPath(), '..', 'demo');

/** Builds the demo's DB and store in `dir`, or reuses them when a previous run finished. */
export async function prepareDemo(dir: string, log: (line: string) => void): Promise<DemoStore> {
  const store = join(dir, 'history.db');
  const db = join(dir, 'advisory.db');
  const marker = join(dir, 'demo.json');
  const want = { layout: LAYOUT, scanner: SCANNER.version };
  if (existsSync(marker)) {
    const had = JSON.parse(await readFile(marker, 'utf8')) as typeof want;
    if (had.layout === want.layout && had.scanner === want.scanner) return { dir, store, db, reused: true };
  }
  // a half-built folder (a killed run) is started over
  await rm(store, { force: true });
  await rm(db, { force: true });
  await mkdir(dir, { recursive: true });
  const { buildAdvisoryDb } = await import('../advisory/db/build.js');
  const { track } = await import('../history/track.js');
  log(
    'building the advisory DB from examples/demo (Wolfi advisories, CVE 5, Debian OSV, Alpine secdb, EPSS, KEV)',
  );
  await buildAdvisoryDb({
    out: db,
    now: BUILT_AT,
    sources: [
      { feed: 'wolfi-advisories', path: example('demo/wolfi-advisories') },
      { feed: 'cve5', path: example('demo/cve5') },
      { feed: 'osv', path: example('demo/debian-osv') },
      { feed: 'osv', path: example('osv') },
      { feed: 'alpine-secdb', path: example('advisories') },
      // the scores and catalogue entries of the demo's CVEs, so EPSS and KEV read as they would
      { feed: 'epss', path: example('demo/epss') },
      { feed: 'kev', path: example('demo/kev') },
    ],
  });
  for (const tag of DEMO_TAGS) {
    const sboms = await unpackSboms(example(tag.folder), join(dir, 'sboms', tag.folder.split('/')[1]!));
    log(`tracking ${tag.as} at the dates of its ${sboms.length} SBOMs`);
    await track(sboms, { as: tag.as, store, db });
  }
  const [pinned] = await unpackSboms(example(DEMO_PINNED.folder), join(dir, 'sboms', 'debian-python-pinned'));
  log(
    `tracking ${DEMO_PINNED.as} on ${DEMO_PINNED.at.map((t) => t.slice(0, 10)).join(' and ')} (never rebuilt)`,
  );
  for (const at of DEMO_PINNED.at) await track([pinned!], { as: DEMO_PINNED.as, store, db, at });
  log(`tracking ${DEMO_ALPINE.as} (examples/${DEMO_ALPINE.image})`);
  await track([example(DEMO_ALPINE.image)], { as: DEMO_ALPINE.as, store, db, at: DEMO_ALPINE.at });
  await writeFile(marker, JSON.stringify(want) + '\n');
  return { dir, store, db, reused: false };
}

// the SBOMs ship gzipped (a tenth of the size); track reads plain files
async function unpackSboms(from: string, to: string): Promise<string[]> {
  await mkdir(to, { recursive: true });
  const out: string[] = [];
  for (const name of readdirSync(from).sort()) {
    if (!name.endsWith('.cdx.json.gz')) continue;
    const file = join(to, name.slice(0, -3));
    await writeFile(file, gunzipSync(await readFile(join(from, name))));
    out.push(file);
  }
  return out;
}
