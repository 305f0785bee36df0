/**
 * The oracle for real jars: Debian's Maven repository (`/usr/share/maven-repo`, from the packages
 * that ship jars, e.g. maven's dependencies) lays out each jar as GROUP/PATH/ARTIFACT/VERSION/
 * ARTIFACT-VERSION[-CLASSIFIER].jar, a link to the file in /usr/share/java. The coordinates come
 * from the folders, never from the jar's content.
 *
 * What was found there: besides the real version folder, Debian adds alias folders that point to
 * the same jar: `debian` (maven-debian-helper's) and generic versions ending in `.x` (`3.x`,
 * `2.x`, `0.x`); both are skipped. One jar may also be linked under several groups (jsr305 under
 * com.google.code.findbugs, org.jsr-305 and org.jsr305), so a jar has a list of coordinates.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const MAVEN_REPO = '/usr/share/maven-repo';

export interface RepoCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
  /** the repository file name without `.jar` */
  fileStem: string;
}

/** Every real jar the repository links to (by its resolved path) with the coordinates naming it. */
export function mavenRepoJars(root = MAVEN_REPO): Map<string, RepoCoordinates[]> {
  const byJar = new Map<string, RepoCoordinates[]>();
  for (const file of walk(root)) {
    const parts = relative(root, file).split('/');
    if (parts.length < 4) continue;
    const [version, artifactId] = [parts.at(-2)!, parts.at(-3)!];
    if (version === 'debian' || version.endsWith('.x')) continue;
    const fileStem = parts.at(-1)!.replace(/\.jar$/, '');
    if (!fileStem.startsWith(`${artifactId}-${version}`)) continue;
    const jar = realpathSync(file);
    const list = byJar.get(jar) ?? [];
    list.push({ groupId: parts.slice(0, -3).join('.'), artifactId, version, fileStem });
    byJar.set(jar, list);
  }
  return byJar;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) yield* walk(path);
    else if (stat?.isFile() && name.endsWith('.jar')) yield path;
  }
}
