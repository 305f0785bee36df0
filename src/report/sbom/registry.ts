import { cyclonedxFormat } from './cyclonedx.js';
import { jsonFormat } from './json.js';
import { spdxFormat } from './spdx.js';
import { tableFormat } from './table.js';
import type { SbomFormat } from './types.js';

/** Every SBOM output format by its `--format` name; adding one is one module and one line here. */
export const sbomFormats: ReadonlyMap<string, SbomFormat> = new Map(
  [tableFormat, jsonFormat, cyclonedxFormat, spdxFormat].map((f) => [f.name, f]),
);

/** The format of that name, or undefined (the CLI turns that into a usage error). */
export function sbomFormat(name: string): SbomFormat | undefined {
  return sbomFormats.get(name);
}
