import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { javaCataloguer } from './index.js';
import { mavenRepoJars } from './__fixtures__/maven-repo.js';

const ctx = { view: memoryView([]) };
const REPO = mavenRepoJars();
const JAVA_DIR = '/usr/share/java';

async function packagesOf(path: string, content: Buffer = readFileSync(path)) {
  const { packages, warnings } = await javaCataloguer.parse(path, content, ctx);
  expect(warnings).toEqual([]);
  return packages;
}
const coordinates = (packages: { name: string; version: string }[]) =>
  packages.map((p) => `${p.name}@${p.version}`).sort();

/** The pom.properties of a jar as `unzip` reads them, as groupId:artifactId@version. */
function pomsByUnzip(jar: string): string[] {
  const names = execFileSync('unzip', ['-Z1', jar], { encoding: 'utf8' }).split('\n');
  return names
    .filter((n) => /^META-INF\/maven\/.+\/pom\.properties$/.test(n))
    .map((n) => {
      const text = execFileSync('unzip', ['-p', jar, n], { encoding: 'latin1' });
      const get = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.trim();
      return `${get('groupId')}:${get('artifactId')}@${get('version')}`;
    });
}

describe('java cataloguer on the jars of Debian’s Maven repository', () => {
  const withPoms = [...REPO.keys()].filter((jar) => pomsByUnzip(jar).length > 0);
  const withoutPoms = [...REPO.keys()].filter((jar) => !withPoms.includes(jar));

  it('finds enough real jars to mean something', () => {
    expect(withPoms.length).toBeGreaterThan(30);
    expect(withoutPoms.length).toBeGreaterThan(5);
  });

  it.each(withPoms)('%s: its own coordinates (from the folders) and each pom.properties', async (jar) => {
    const own = REPO.get(jar)!.map((c) => `${c.groupId}:${c.artifactId}@${c.version}`);
    const expected = [...new Set([...own, ...pomsByUnzip(jar)])].sort();
    const packages = await packagesOf(jar);
    expect(coordinates(packages)).toEqual(expected);
    for (const p of packages) {
      const [group, artifact] = p.name.split(':');
      expect(p.purl).toBe(`pkg:maven/${group}/${artifact}@${encodeURIComponent(p.version)}`);
      expect(p).toMatchObject({ type: 'maven', foundBy: 'java', locations: [jar] });
    }
  });

  // Without a pom.properties the group id is a guess from the manifest (Guice's extensions name
  // themselves com.google.inject.*, their folders say com.google.inject.extensions): the artifact
  // and version are checked where Debian kept Maven's file name (ARTIFACT[-VERSION].jar), which it
  // did not for atinject (javax.inject), guice-no-aop (guice's no_aop classifier) and jsr305 (svn).
  it.each(withoutPoms)('%s: artifact and version from its name or manifest', async (jar) => {
    const packages = await packagesOf(jar);
    const stem = basename(jar, '.jar');
    const named = REPO.get(jar)!.find(
      (c) => stem === c.artifactId || stem === `${c.artifactId}-${c.version}`,
    );
    if (!named) return expect(packages.length).toBeLessThanOrEqual(1);
    expect(packages.map((p) => `${p.name.split(':').at(-1)}@${p.version}`)).toEqual([
      `${named.artifactId}@${named.version}`,
    ]);
  });

  it('keeps a few hundred bytes of each jar, from which parse gives the same packages', async () => {
    const jars = readdirSync(JAVA_DIR).filter((f) => f.endsWith('.jar'));
    expect(jars.length).toBeGreaterThan(50);
    let largest = 0;
    for (const name of jars) {
      const path = join(JAVA_DIR, name);
      const whole = readFileSync(path);
      const reduced = javaCataloguer.reduce!(whole);
      expect(reduced, name).toBeDefined();
      largest = Math.max(largest, reduced!.length);
      expect(await packagesOf(path, reduced), name).toEqual(await packagesOf(path, whole));
    }
    expect(largest).toBeLessThan(4096);
  });

  it('reads a jar with a launch script in front, as Spring Boot writes executable jars', async () => {
    const jar = join(JAVA_DIR, 'commons-io.jar');
    const script = Buffer.from('#!/bin/sh\nexec java -jar "$0" "$@"\n'.repeat(20));
    const packages = await packagesOf(jar, Buffer.concat([script, readFileSync(jar)]));
    expect(coordinates(packages)).toEqual(coordinates(await packagesOf(jar)));
  });
});

// A Spring Boot style fat jar built here with `zip`: real jars stored under BOOT-INF/lib, one
// archive holding another real jar (deflated), and a chain of archives deeper than MAX_DEPTH.
let work: string;
let fatJar: string;
const REAL = {
  io: join(JAVA_DIR, 'commons-io-2.11.0.jar'),
  guava: join(JAVA_DIR, 'guava-31.1-jre.jar'),
  jansi: join(JAVA_DIR, 'jansi-2.4.0.jar'),
  lang: join(JAVA_DIR, 'commons-lang3-3.12.0.jar'),
};
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-java-'));
  const zip = (dir: string, out: string, files: string[], stored = false) =>
    execFileSync('zip', ['-q', ...(stored ? ['-0'] : []), out, ...files], { cwd: dir });
  const dir = (name: string) => {
    const d = join(work, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  // c4 holds commons-lang3 (depth 5 from the outer jar: not read) and is at depth 4 itself
  const chain = dir('chain');
  copyFileSync(REAL.lang, join(chain, 'commons-lang3-3.12.0.jar'));
  zip(chain, 'c4.jar', ['commons-lang3-3.12.0.jar']);
  copyFileSync(REAL.jansi, join(chain, 'jansi-2.4.0.jar'));
  zip(chain, 'c3.jar', ['c4.jar', 'jansi-2.4.0.jar']);
  zip(chain, 'c2.jar', ['c3.jar']);
  zip(chain, 'c1.jar', ['c2.jar']);
  const nested = dir('nested/lib');
  copyFileSync(REAL.guava, join(nested, 'guava-31.1-jre.jar'));
  zip(join(work, 'nested'), 'nested.jar', ['lib/guava-31.1-jre.jar']);
  const outer = dir('outer');
  mkdirSync(join(outer, 'BOOT-INF/lib'), { recursive: true });
  copyFileSync(REAL.io, join(outer, 'BOOT-INF/lib/commons-io-2.11.0.jar'));
  copyFileSync(join(work, 'nested/nested.jar'), join(outer, 'BOOT-INF/lib/nested.jar'));
  copyFileSync(join(chain, 'c1.jar'), join(outer, 'c1.jar'));
  writeFileSync(join(outer, 'app.class'), 'not really a class');
  zip(outer, 'app.jar', ['BOOT-INF/lib/commons-io-2.11.0.jar', 'BOOT-INF/lib/nested.jar'], true);
  zip(outer, 'app.jar', ['c1.jar', 'app.class']);
  fatJar = join(outer, 'app.jar');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('java cataloguer on a fat jar', () => {
  it('lists the packages of nested jars as read alone, at OUTER:INNER, down to MAX_DEPTH', async () => {
    const at = (jar: string, inner: string) =>
      packagesOf(jar).then((ps) => ps.map((p) => `${p.name}@${p.version} ${fatJar}:${inner}`));
    const expected = [
      ...(await at(REAL.io, 'BOOT-INF/lib/commons-io-2.11.0.jar')),
      ...(await at(REAL.guava, 'BOOT-INF/lib/nested.jar:lib/guava-31.1-jre.jar')),
      ...(await at(REAL.jansi, 'c1.jar:c2.jar:c3.jar:jansi-2.4.0.jar')),
    ].sort();
    expect(expected.length).toBe(3);
    const whole = readFileSync(fatJar);
    const found = (await packagesOf(fatJar, whole)).map(
      (p) => `${p.name}@${p.version} ${p.locations.join(' ')}`,
    );
    expect(found.sort()).toEqual(expected);
    // commons-lang3 sits five archives deep: past the limit
    expect(found.some((f) => f.includes('commons-lang3'))).toBe(false);
    const reduced = javaCataloguer.reduce!(whole)!;
    expect(reduced.length).toBeLessThan(4096);
    expect(await packagesOf(fatJar, reduced)).toEqual(await packagesOf(fatJar, whole));
  });
});
