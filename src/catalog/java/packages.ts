import { buildPurl } from '../purl.js';
import type { Package } from '../types.js';
import type { ArchiveFacts } from './archive-facts.js';
import { splitArchiveName } from './file-name.js';
import type { PomProperties } from './pom-properties.js';

interface Coordinates {
  groupId?: string;
  artifactId: string;
  version: string;
}

/**
 * The Maven packages of one archive (outer or nested) at `location`: one per pom.properties (the
 * archive's own and those of dependencies shaded into it), and, when none of them is the archive's
 * own, one from its file name and manifest. An archive that gives no version gives no package.
 */
export function archivePackages(facts: ArchiveFacts, location: string): Package[] {
  const fileName = facts.inner ? facts.inner.slice(facts.inner.lastIndexOf(':') + 1) : location;
  const own = ownPom(facts, fileName);
  const licenses = splitLicenses(facts.manifest['Bundle-License']);
  const packages = facts.poms.map((pom) => toPackage(pom, location, pom === own ? licenses : []));
  if (own) return packages;
  const fallback = fromNameAndManifest(facts, fileName);
  if (fallback && !packages.some((p) => p.purl === toPackage(fallback, location, []).purl))
    packages.unshift(toPackage(fallback, location, licenses));
  return packages;
}

/**
 * Which pom.properties describes the archive itself: the one whose artifact id is the file name's
 * (ignoring case, punctuation and, as Debian renames `maven-core` to `maven3-core`, digits), or
 * the manifest's title, or the file name's with a classifier after it (`wagon-http-shaded`); else
 * the only one, unless the manifest gives the archive another version (a shaded dependency in an
 * archive that names itself only in its manifest, as Guice's cglib).
 */
function ownPom(facts: ArchiveFacts, fileName: string): PomProperties | undefined {
  const { poms, manifest } = facts;
  const { artifact } = splitArchiveName(fileName);
  // the whole name too: a version-less name may look versioned (`geronimo-annotation-1.3-spec`)
  const stem = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const loose = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const titles = [manifest['Implementation-Title'], manifest['Bundle-Name'], manifest['Specification-Title']];
  const byName =
    poms.find((p) => p.artifactId === artifact) ??
    poms.find((p) => [artifact, stem].some((n) => loose(p.artifactId) === loose(n))) ??
    poms.find((p) => titles.some((t) => t !== undefined && loose(t) === loose(p.artifactId))) ??
    longest(poms.filter((p) => artifact.startsWith(`${p.artifactId}-`)));
  if (byName || poms.length !== 1) return byName;
  const version = manifestVersion(manifest);
  return version === undefined || version === poms[0]!.version ? poms[0] : undefined;
}

function longest(poms: PomProperties[]): PomProperties | undefined {
  return poms.sort((a, b) => b.artifactId.length - a.artifactId.length)[0];
}

function manifestVersion(manifest: Record<string, string>): string | undefined {
  return (
    manifest['Implementation-Version'] ?? manifest['Bundle-Version'] ?? manifest['Specification-Version']
  );
}

/** The archive's coordinates from its file name, else its manifest, with a group id where one says. */
function fromNameAndManifest(facts: ArchiveFacts, fileName: string): Coordinates | undefined {
  const { manifest } = facts;
  const named = splitArchiveName(fileName);
  const artifactId = named.artifact || manifest['Implementation-Title'] || manifest['Bundle-Name'];
  const version = named.version ?? manifestVersion(manifest);
  if (!artifactId || !version) return undefined;
  return { groupId: groupFromManifest(manifest, artifactId), artifactId, version };
}

/**
 * Maven's archiver writes the group id as `Implementation-Vendor-Id`; OSGi symbolic names and
 * module names are usually the group followed by (part of) the artifact id (`org.apache.commons.lang3`
 * for commons-lang3), so a last segment that ends the artifact id is dropped.
 */
function groupFromManifest(manifest: Record<string, string>, artifactId: string): string | undefined {
  const vendorId = manifest['Implementation-Vendor-Id'];
  if (vendorId && /^[\w.-]+$/.test(vendorId)) return vendorId;
  const loose = artifactId.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const raw of [manifest['Bundle-SymbolicName'], manifest['Automatic-Module-Name']]) {
    const name = raw?.split(';')[0]!.trim();
    if (!name || !/^[\w.-]+$/.test(name)) continue;
    const dot = name.lastIndexOf('.');
    const last = name
      .slice(dot + 1)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const group = dot > 0 && last !== '' && loose.endsWith(last) ? name.slice(0, dot) : name;
    if (group.includes('.')) return group;
  }
  return undefined;
}

function toPackage(c: Coordinates, location: string, licenses: string[]): Package {
  return {
    name: c.groupId ? `${c.groupId}:${c.artifactId}` : c.artifactId,
    version: c.version,
    type: 'maven',
    // the purl spec requires a namespace for maven; with no group id known, the artifact id
    // stands in for it, as commons-io and many old artifacts are grouped under their own name
    purl: buildPurl({
      type: 'maven',
      namespace: c.groupId ?? c.artifactId,
      name: c.artifactId,
      version: c.version,
    }),
    licenses,
    locations: [location],
    foundBy: 'java',
  };
}

/** OSGi `Bundle-License`: comma-separated licences, each maybe followed by `;description=…`. */
function splitLicenses(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((l) => l.split(';')[0]!.trim().replace(/^"|"$/g, ''))
    .filter((l) => l !== '');
}
