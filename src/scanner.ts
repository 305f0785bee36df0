import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** Who made a result: recorded on every SBOM, scan and observation. */
export const SCANNER = { name: pkg.name, version: pkg.version } as const;
