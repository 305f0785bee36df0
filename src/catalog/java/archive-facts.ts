import { manifestValue, parseManifestMain } from './manifest.js';
import { parsePomProperties, type PomProperties } from './pom-properties.js';
import { listZipEntries, readZipEntry, type ZipEntry } from './zip-reader.js';

/** What a Java archive says about itself: all the cataloguer needs of a jar of many megabytes. */
export interface ArchiveFacts {
  /** where the archive sits inside the outer one (nested names joined by `:`); '' for the outer */
  inner: string;
  /** the manifest's main attributes that name a package (MANIFEST_KEYS), as first written */
  manifest: Record<string, string>;
  /** every `META-INF/maven/**\/pom.properties` with its three coordinates, in archive order */
  poms: PomProperties[];
}

/** Archives nested deeper than this below the outer one are not opened (a war in an ear in …). */
export const MAX_DEPTH = 4;
// a manifest or pom.properties is a few hundred bytes; more than this is not one worth reading
const MAX_TEXT_BYTES = 1 << 20;
// nested jars are read whole from the outer one; a larger (or bomb) entry is skipped
const MAX_NESTED_BYTES = 32 << 20;
// all inflation of one outer archive together, so that many small bombs cost no more than one
const MAX_TOTAL_BYTES = 256 << 20;

const MANIFEST_KEYS = [
  'Implementation-Title',
  'Implementation-Version',
  'Implementation-Vendor-Id',
  'Specification-Title',
  'Specification-Version',
  'Bundle-Name',
  'Bundle-SymbolicName',
  'Bundle-Version',
  'Bundle-License',
  'Automatic-Module-Name',
];

const ARCHIVE_NAME = /\.(jar|war|ear|jpi|hpi)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/(?:.+\/)?pom\.properties$/;

/** Whether a file name is that of a Java archive, by its extension. */
export function isArchiveName(path: string): boolean {
  return ARCHIVE_NAME.test(path);
}

/**
 * The facts of an archive and of every archive nested in it (up to MAX_DEPTH levels), outer first;
 * undefined when the content is not a ZIP archive. Damaged entries are skipped.
 */
export function readArchiveFacts(content: Buffer): ArchiveFacts[] | undefined {
  const entries = listZipEntries(content);
  if (!entries) return undefined;
  const out: ArchiveFacts[] = [];
  const budget = { left: MAX_TOTAL_BYTES };
  collect(content, entries, '', 0, out, budget);
  return out;
}

function collect(
  buf: Buffer,
  entries: ZipEntry[],
  inner: string,
  depth: number,
  out: ArchiveFacts[],
  budget: { left: number },
): void {
  const read = (entry: ZipEntry, max: number): Buffer | undefined => {
    const data = readZipEntry(buf, entry, Math.min(max, budget.left));
    // stored data is a view of the buffer already held; only inflated bytes are new memory
    if (data && entry.method !== 0) budget.left -= data.length;
    return data;
  };
  const facts: ArchiveFacts = { inner, manifest: {}, poms: [] };
  out.push(facts);
  const nested: ZipEntry[] = [];
  for (const entry of entries) {
    if (entry.name.toUpperCase() === 'META-INF/MANIFEST.MF') {
      const text = read(entry, MAX_TEXT_BYTES);
      if (text) facts.manifest = keptAttributes(parseManifestMain(text.toString('utf8')));
    } else if (POM_PROPERTIES.test(entry.name)) {
      const text = read(entry, MAX_TEXT_BYTES);
      const pom = text && parsePomProperties(text.toString('latin1'));
      if (pom) facts.poms.push(pom);
    } else if (ARCHIVE_NAME.test(entry.name) && depth < MAX_DEPTH) nested.push(entry);
  }
  for (const entry of nested) {
    const data = read(entry, MAX_NESTED_BYTES);
    const nestedEntries = data && listZipEntries(data);
    if (!nestedEntries) continue;
    const path = inner ? `${inner}:${entry.name}` : entry.name;
    collect(data, nestedEntries, path, depth + 1, out, budget);
  }
}

function keptAttributes(all: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of MANIFEST_KEYS) {
    const value = manifestValue(all, key);
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}
