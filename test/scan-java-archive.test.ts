/**
 * A Java image: two real jars from Debian's /usr/share/java under /app/lib, in an OCI layout read
 * as a user would. The inventory's Maven packages must be what Debian's Maven repository folders
 * say those jars are (GROUP/ARTIFACT/VERSION), plus the dependencies shaded into them as their
 * pom.properties say (read with `unzip`), each credited to the one layer. The shared fixtures hold
 * no OSV Maven records, so there is no findings check here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mavenRepoJars } from '../src/catalog/java/__fixtures__/maven-repo.js';
import { makeTar, writeLayout } from '../src/image/__fixtures__/build-layout.js';
import { inventoryOf } from '../src/scan.js';

// one plain jar, and one with a dependency shaded into it (its own pom.properties and another's)
const JARS = ['/usr/share/java/commons-io.jar', '/usr/share/java/maven3-slf4j-provider.jar'];

let work: string;
let image: string;
let diffId: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-java-image-'));
  const layer = await makeTar([
    ...JARS.map((jar) => ({
      name: `app/lib/${jar.slice(jar.lastIndexOf('/') + 1)}`,
      content: readFileSync(jar),
      mode: 0o644,
    })),
    { name: 'app/lib/README.txt', content: 'not a jar\n', mode: 0o644 },
  ]);
  image = join(work, 'layout');
  diffId = (await writeLayout(image, { layers: [layer] })).diffIds[0]!;
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expected(): string[] {
  const repo = mavenRepoJars();
  const out: string[] = [];
  for (const jar of JARS) {
    const at = `/app/lib/${jar.slice(jar.lastIndexOf('/') + 1)}`;
    for (const c of repo.get(realpathSync(jar)) ?? [])
      out.push(`${c.groupId}:${c.artifactId}@${c.version} ${at}`);
    const entries = execFileSync('unzip', ['-Z1', jar], { encoding: 'utf8' }).split('\n');
    for (const entry of entries.filter((e) => /^META-INF\/maven\/.+\/pom\.properties$/.test(e))) {
      const text = execFileSync('unzip', ['-p', jar, entry], { encoding: 'latin1' });
      const get = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.trim();
      out.push(`${get('groupId')}:${get('artifactId')}@${get('version')} ${at}`);
    }
  }
  return [...new Set(out)].sort();
}

describe('an image of Java archives', () => {
  it('lists each jar and what is shaded into it as Maven packages of the layer that added them', async () => {
    const inventory = await inventoryOf(`oci-dir:${image}`);
    const maven = inventory.packages.filter((p) => p.type === 'maven');
    const want = expected();
    expect(want.length).toBe(3);
    expect(maven.map((p) => `${p.name}@${p.version} ${p.locations.join(' ')}`).sort()).toEqual(want);
    expect(maven.every((p) => p.layer === diffId && p.foundBy === 'java')).toBe(true);
    expect(inventory.packages.length).toBe(maven.length);
    expect(inventory.warnings).toEqual([]);
  });
});
