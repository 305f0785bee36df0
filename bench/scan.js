// Benchmark of `cleanroom scan` (`npm run bench:scan`), issue 5's targets:
//  1. scan of the Debian fixture image with a warm DB built from every advisory fixture: under 2 s
//     end to end (the CLI as users run it), printed against `cleanroom sbom` of the same image in
//     the same run (the floor: scanning is sbom + matching);
//  2. matching 10,000 packages: under 1 s (in process), printed against the DB lookups alone.
// Medians of 5 (CLI) and 3 (in process) runs, so the ratios mean something on a busy host.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { openAdvisoryDb } from '../dist/advisory/db/reader.js';
import { buildFindings } from '../dist/match/findings.js';
import { matchInventory } from '../dist/match/match-inventory.js';
import { ADVISORY_SOURCES, fixtures } from './fixture-sources.js';

const image = join(fixtures, 'images', 'debian-bookworm-slim.oci.tar');
const cli = resolve(import.meta.dirname, '..', 'bin', 'cleanroom.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => `${s.toFixed(3)} s`;

function timeCli(args, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`cleanroom ${args[0]} failed: ${r.stderr}`);
    times.push((performance.now() - t) / 1000);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-scan-'));
try {
  const db = join(dir, 'advisory.db');
  console.log(`load average ${loadavg()[0].toFixed(2)}; building the DB from every advisory fixture …`);
  const t = performance.now();
  await buildAdvisoryDb({
    sources: ADVISORY_SOURCES.map(([feed, path]) => ({ feed, path: join(fixtures, path) })),
    out: db,
  });
  console.log(`DB built in ${fmt((performance.now() - t) / 1000)}\n`);

  timeCli(['scan', image, '--db', db, '--format', 'json'], 1); // warm the page cache
  const sbomTime = timeCli(['sbom', image, '--format', 'json']);
  const scanTime = timeCli(['scan', image, '--db', db, '--format', 'json']);
  console.log('1. scan of debian-bookworm-slim.oci.tar, end to end (CLI, median of 5)');
  console.log(`   baseline  cleanroom sbom   ${fmt(sbomTime)}`);
  console.log(
    `   cleanroom scan             ${fmt(scanTime)}   ratio ${(scanTime / sbomTime).toFixed(2)}x   target < 2 s: ${scanTime < 2 ? 'met' : 'NOT met'}\n`,
  );

  // 10,000 packages whose names the DB knows (so every lookup returns rows to evaluate), Debian 11
  const reader = await openAdvisoryDb(db);
  const names = [];
  for (const [ecosystem, type] of [
    ['Debian:11', 'deb'],
    ['Go', 'golang'],
  ]) {
    const rows = await reader.affected(ecosystem, await knownNames(db, ecosystem));
    for (const name of new Set(rows.map((r) => r.package))) names.push({ name, type });
  }
  const packages = Array.from({ length: 10_000 }, (_, i) => {
    const { name, type } = names[i % names.length];
    const version = type === 'deb' ? `1.${i % 7}-${i % 5}` : `v0.${i % 9}.${i % 4}`;
    return {
      name,
      version,
      type,
      purl: `pkg:${type}/${name}@${version}`,
      licenses: [],
      locations: [],
      foundBy: 'bench',
    };
  });
  const inventory = {
    target: { reference: 'bench', source: 'sbom', tags: [], layers: [] },
    distro: { id: 'debian', versionId: '11' },
    packages,
    warnings: [],
  };

  const lookups = [];
  const matching = [];
  let findings = 0;
  for (let run = 0; run < 3; run++) {
    let s = performance.now();
    for (const eco of ['Debian:11', 'Go']) {
      const ofEco = packages.filter((p) => (eco === 'Go') === (p.type === 'golang')).map((p) => p.name);
      await reader.affected(eco, [...new Set(ofEco)]);
    }
    lookups.push((performance.now() - s) / 1000);
    s = performance.now();
    const { matches } = await matchInventory(inventory, reader);
    findings = (await buildFindings(matches, reader)).findings.length;
    matching.push((performance.now() - s) / 1000);
  }
  await reader.close();
  const m = median(matching);
  const l = median(lookups);
  console.log(
    `2. matching 10,000 packages (${names.length} distinct names known to the DB; ${findings} findings)`,
  );
  console.log(`   baseline  DB lookups alone ${fmt(l)}`);
  console.log(
    `   match + findings           ${fmt(m)}   ratio ${(m / l).toFixed(2)}x   target < 1 s: ${m < 1 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Package names of one ecosystem in the DB, read with SQLite directly. */
async function knownNames(path, ecosystem) {
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(path, { readonly: true });
  try {
    return sqlite.prepare('select distinct package from affected where ecosystem = ?').pluck().all(ecosystem);
  } finally {
    sqlite.close();
  }
}
