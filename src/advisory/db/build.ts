/**
 * `db build`: the advisory DB built from local sources into a file (`build-file.ts`) or into a
 * PostgreSQL server (`postgres-target.ts`: through a file in the temp dir, then loaded in one
 * transaction). The choice is made here, so neither target imports the other's chooser.
 */
import { isPostgresUrl } from '../../store/connect.js';
import { buildAdvisoryDbFile } from './build-file.js';
import type { BuildOptions, BuildResult } from './build-file.js';

export { writeBuild } from './build-file.js';
export type { BuildOptions, BuildResult, BuildSource } from './build-file.js';

/** Builds (or rebuilds, keeping history) the advisory DB at `out` (a file or a PostgreSQL URL). */
export async function buildAdvisoryDb(options: BuildOptions): Promise<BuildResult> {
  if (isPostgresUrl(options.out)) return (await import('./postgres-target.js')).buildIntoPostgres(options);
  return buildAdvisoryDbFile(options);
}
