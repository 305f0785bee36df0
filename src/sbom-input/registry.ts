import { cleanroomJsonReader } from './cleanroom-json.js';
import { cyclonedxJsonReader } from './cyclonedx-json.js';
import { cyclonedxXmlReader } from './cyclonedx-xml.js';
import { spdxJsonReader } from './spdx-json.js';
import { syftJsonReader } from './syft-json.js';
import type { SbomReader } from './types.js';

/** The SBOM input registry: formats `scan` reads instead of an image. */
export const sbomReaders: ReadonlyMap<string, SbomReader> = new Map(
  [cleanroomJsonReader, cyclonedxJsonReader, cyclonedxXmlReader, spdxJsonReader, syftJsonReader].map((r) => [
    r.name,
    r,
  ]),
);
