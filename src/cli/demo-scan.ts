/** `cleanroom demo --scan`: the first demo, kept: the bundled Alpine image's packages, then its findings. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, isInteractive } from './output.js';

const example = (path: string) => fileURLToPath(new URL(`../../examples/${path}`, import.meta.url));

/** The example image and advisories bundled in examples/ (src/cli and dist/cli are both two levels down). */
export const DEMO_IMAGE = example('alpine-3.9.4.docker.tar.gz');
export const DEMO_ADVISORIES = example('advisories');
export const DEMO_OSV = example('osv');

/** Scans the example image offline and prints its SBOM and findings. */
export async function demoScan(): Promise<void> {
  // loaded on use, so other commands do not pay for every stage at start-up
  const [{ sbom }, { sbomFormats }, { buildAdvisoryDb }, { scan }, { renderScan }] = await Promise.all([
    import('../sbom.js'),
    import('../report/sbom/registry.js'),
    import('../advisory/db/build.js'),
    import('../scan.js'),
    import('../report/scan/index.js'),
  ]);
  const now = new Date();
  const color = isInteractive();
  const inventory = await sbom(DEMO_IMAGE);
  await emit(
    'cleanroom demo --scan, offline, on examples/alpine-3.9.4.docker.tar.gz\n\n' +
      '1. Its packages (cleanroom sbom):\n\n' +
      sbomFormats.get('table')!.render(inventory, { now, color }),
  );
  const dir = await mkdtemp(join(tmpdir(), 'cleanroom-demo-'));
  try {
    const db = join(dir, 'advisory.db');
    await buildAdvisoryDb({
      sources: [
        { feed: 'alpine-secdb', path: DEMO_ADVISORIES },
        { feed: 'osv', path: DEMO_OSV },
      ],
      out: db,
    });
    const result = await scan(DEMO_IMAGE, { db });
    await emit(
      '\n2. Its vulnerabilities against the Alpine v3.9 secdb and NVD scores of examples/ (cleanroom scan):\n\n' +
        renderScan('table', result, { now, color }) +
        '\nNext: `cleanroom db update` fetches the real feeds; then `cleanroom scan IMAGE` for your own image,\n' +
        'and `cleanroom sbom IMAGE --format cyclonedx-json` for a standard SBOM.',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
