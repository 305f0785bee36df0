/**
 * `cleanroom build` as a user runs it, on bad input: exit code 2 and one sentence naming the input,
 * nothing written. And SOURCE_DATE_EPOCH, folder output replacing an earlier layout.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canBuild, example, imageFile, runBuild } from './build-helpers.js';
import { tempDir } from './scan-helpers.js';
import { readFileSync } from 'node:fs';

const tmp = tempDir('cleanroom-build-cli-');
afterAll(tmp.cleanup);

/** Asserts a run failed with exit 2 and one line matching `pattern`. */
function failsWith(run: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cleanroom: /);
  expect(lines[0]).toMatch(pattern);
}

describe('cleanroom build on bad input', () => {
  it('needs --output, a readable file, a valid image file', async () => {
    failsWith(await runBuild([example('python.yaml')]), /needs --output PATH/);
    failsWith(
      await runBuild([join(tmp.dir, 'none.yaml'), '--output', join(tmp.dir, 'x.tar')]),
      /cannot read the image file .*none\.yaml: ENOENT/,
    );
    const bad = imageFile(tmp.dir, 'bad.yaml', 'packages: [python3]\naccount: {uid: 0}\n');
    failsWith(await runBuild([bad, '--output', join(tmp.dir, 'x.tar')]), /bad\.yaml: account\.uid: /);
    const typo = imageFile(tmp.dir, 'typo.yaml', 'package: [python3]\n');
    failsWith(await runBuild([typo, '--output', join(tmp.dir, 'x.tar')]), /typo\.yaml: /);
    expect(existsSync(join(tmp.dir, 'x.tar'))).toBe(false);
  });

  it('will not replace a folder that is not an OCI layout, nor take a bad SOURCE_DATE_EPOCH', async () => {
    const folder = join(tmp.dir, 'precious');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    failsWith(
      await runBuild([example('static.yaml'), '--output', folder]),
      /precious exists and is not an OCI layout/,
    );
    expect(readdirSync(folder)).toEqual(['notes.txt']);
    failsWith(
      await runBuild([example('static.yaml'), '--output', join(tmp.dir, 'y.tar')], {
        SOURCE_DATE_EPOCH: 'yesterday',
      }),
      /SOURCE_DATE_EPOCH must be a number of seconds/,
    );
  });
});

describe.skipIf(!canBuild)('cleanroom build with the mirror', () => {
  it('names a package that is in no index', async () => {
    const file = imageFile(tmp.dir, 'nosuch.yaml', 'packages: [no-such-package-anywhere]\n');
    failsWith(
      await runBuild([file, '--output', join(tmp.dir, 'n.tar')]),
      /package no-such-package-anywhere is not in the repositories' indexes for amd64/,
    );
    expect(existsSync(join(tmp.dir, 'n.tar'))).toBe(false);
  }, 120_000);

  it('dates the image with SOURCE_DATE_EPOCH and replaces its own earlier layout folder', async () => {
    const out = join(tmp.dir, 'static');
    const first = await runBuild([example('static.yaml'), '--output', out], {
      SOURCE_DATE_EPOCH: '1700000000',
    });
    expect(first.code, first.stderr).toBe(0);
    const again = await runBuild([example('static.yaml'), '--output', out], {
      SOURCE_DATE_EPOCH: '1700000000',
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const blob = (d: string) =>
      JSON.parse(readFileSync(join(out, 'blobs/sha256', d.slice(7)), 'utf8')) as Record<string, unknown>;
    const manifest = blob(index.manifests[0]!.digest) as { config: { digest: string } };
    expect(blob(manifest.config.digest)).toMatchObject({
      created: '2023-11-14T22:13:20.000Z',
      config: { User: '65532:65532' },
    });
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const explained = await runBuild([example('static.yaml'), '--explain', 'debconf']);
    failsWith(explained, /debconf is in the exclude list/);
  }, 300_000);
});
