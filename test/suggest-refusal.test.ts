/**
 * `cleanroom suggest` of images it cannot suggest for: the Alpine fixtures (apk, not dpkg) are
 * refused with one sentence saying what is supported, exit 2, and nothing written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliEnv } from './build-helpers.js';
import { fixture } from './fixtures.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-suggest-refusal-');
afterAll(tmp.cleanup);

describe('cleanroom suggest of an image that is not Debian-based', () => {
  for (const name of ['alpine-3.9.4.docker.tar.gz', 'alpine-3.10.2.docker.tar.gz'])
    it(`refuses ${name} in one sentence, exit 2, writing nothing`, async () => {
      const out = join(tmp.dir, name);
      const run = await runCliEnv(['suggest', fixture('images', name), '--output', out], {});
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(
        /is alpine 3\.\d+\.\d+, not Debian: cleanroom suggest supports Debian-based images \(bookworm, trixie\) whose packages dpkg installed/,
      );
      expect(existsSync(out)).toBe(false);
    });
});
