import { readFileSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageMatcher } from '../../match/matchers/language.js';
import { splitArchiveName } from './file-name.js';
import { javaCataloguer } from './index.js';
import { mavenRepoJars } from './__fixtures__/maven-repo.js';
import { memoryView } from '../__fixtures__/memory-view.js';

describe('splitArchiveName', () => {
  // Debian's Maven repository names each file ARTIFACT-VERSION.jar under ARTIFACT/VERSION/: the
  // folders say where the name ends and the version starts (files with a classifier are left out)
  const named = [...mavenRepoJars().values()]
    .flat()
    .filter((c) => c.fileStem === `${c.artifactId}-${c.version}`);
  it.each(named.map((c) => [c.fileStem, c] as const))('%s', (stem, c) => {
    expect(splitArchiveName(`/x/${stem}.jar`)).toEqual({ artifact: c.artifactId, version: c.version });
  });
  it('covers names with digits and dashes in the artifact id', () => {
    expect(named.some((c) => /\d/.test(c.artifactId) && c.artifactId.includes('-'))).toBe(true);
    expect(named.length).toBeGreaterThan(50);
  });
  it('gives no version to a name without one', () => {
    expect(splitArchiveName('/usr/share/java/commons-io.jar')).toEqual({ artifact: 'commons-io' });
  });
});

describe('Maven packages meet the advisory feed', () => {
  it('are looked up in OSV’s Maven ecosystem as groupId:artifactId', async () => {
    const { packages } = await javaCataloguer.parse(
      '/usr/share/java/commons-io.jar',
      readFileSync('/usr/share/java/commons-io.jar'),
      { view: memoryView([]) },
    );
    const [c] = mavenRepoJars().get(realpathSync('/usr/share/java/commons-io.jar'))!;
    expect(packages.flatMap((p) => languageMatcher.keys(p, undefined))).toEqual([
      { ecosystem: 'Maven', name: `${c!.groupId}:${c!.artifactId}`, version: c!.version, scheme: 'maven' },
    ]);
  });
});
