// Benchmark of `cleanroom scan` (`npm run bench:scan`):
//  1. scan of the Debian fixture image with a warm DB built from every advisory fixture: under 1 s
//     end to end (issue 23; the CLI as users run it), printed against `cleanroom sbom` of the same
//     image and `node -e 0` in the same run (the floors: scanning is sbom + matching), and where the
//     time goes: the same steps in a warm process (reading the image, matching and merging
//     findings, rendering the output), the rest of the CLI's time being start-up and loading;
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
import { concludeFindings } from '../dist/match/conclude.js';
import { DEFAULT_RULES } from '../dist/match/counting.js';
import { imageIdentities } from '../dist/match/vex/index.js';
import { renderScan } from '../dist/report/scan/index.js';
import { sbom } from '../dist/sbom.js';
import { ADVISORY_SOURCES, fixtures } from './fixture-sources.js';

const image = join(fixtures, 'images', 'debian-bookworm-slim.oci.tar');
const cli = resolve(import.meta.dirname, '..', 'bin', 'cleanroom.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => `${s.toFixed(3)} s`;

function timeCli(args, runs = 5, script = cli) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [...(script ? [script] : []), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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
  const nodeTime = timeCli(['-e', '0'], 5, null);
  const sbomTime = timeCli(['sbom', image, '--format', 'json']);
  const scanTime = timeCli(['scan', image, '--db', db, '--format', 'json']);
  console.log('1. scan of debian-bookworm-slim.oci.tar, end to end (CLI, median of 5)');
  console.log(`   baseline  node -e 0        ${fmt(nodeTime)}`);
  console.log(`   baseline  cleanroom sbom   ${fmt(sbomTime)}`);
  console.log(
    `   cleanroom scan             ${fmt(scanTime)}   ratio ${(scanTime / sbomTime).toFixed(2)}x sbom   target < 1 s: ${scanTime < 1 ? 'met' : 'NOT met'}`,
  );
  // the same steps in this (warm) process: where a scan's own time goes
  const phases = { reading: [], matching: [], output: [] };
  let found = 0;
  for (let run = 0; run < 3; run++) {
    let s = performance.now();
    const inventory = await sbom(image);
    phases.reading.push((performance.now() - s) / 1000);
    s = performance.now();
    const reader = await openAdvisoryDb(db);
    const { matches } = await matchInventory(inventory, reader);
    const concluded = concludeFindings(await buildFindings(matches, reader), {
      statements: [],
      identities: imageIdentities(inventory.target),
      rules: DEFAULT_RULES,
      asOf: new Date().toISOString(),
    });
    await reader.close();
    phases.matching.push((performance.now() - s) / 1000);
    found = concluded.findings.length;
    s = performance.now();
    renderScan(
      'json',
      {
        ...concluded,
        inventory,
        schemaVersion: '1',
        scanner: { name: 'bench', version: '0' },
        db: { builtAt: '', feeds: {} },
        scannedAt: new Date().toISOString(),
        asOf: new Date().toISOString(),
        replay: false,
        rules: DEFAULT_RULES,
        warnings: [],
      },
      { now: new Date(), color: false },
    );
    phases.output.push((performance.now() - s) / 1000);
  }
  const share = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)]));
  const inProcess = share.reading + share.matching + share.output;
  const rest = Math.max(0, scanTime - inProcess);
  const pct = (x) => `${((100 * x) / scanTime).toFixed(0)}%`;
  console.log(`   where it goes (warm process, median of 3; shares of the CLI's ${fmt(scanTime)}):`);
  console.log(`     reading the image     ${fmt(share.reading)}  ${pct(share.reading)}`);
  console.log(
    `     matching + findings   ${fmt(share.matching)}  ${pct(share.matching)}  (${found} findings)`,
  );
  console.log(`     output (json)         ${fmt(share.output)}  ${pct(share.output)}`);
  console.log(`     start-up and loading  ${fmt(rest)}  ${pct(rest)}  (node -e 0 alone: ${fmt(nodeTime)})\n`);

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
