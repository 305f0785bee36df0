import { parseSbomDocument } from '../report/sbom/index.js';
import type { SbomReader } from './types.js';

/** cleanroom's own JSON SBOM (`sbom --format json`), read back through the schema that wrote it. */
export const cleanroomJsonReader: SbomReader = {
  name: 'cleanroom-json',
  detect: (doc) =>
    typeof doc === 'object' &&
    doc !== null &&
    (doc as { scanner?: { name?: unknown } }).scanner?.name === 'cleanroom' &&
    Array.isArray((doc as { packages?: unknown }).packages),
  read: (_doc, text, file) => parseSbomDocument(text, file),
};
