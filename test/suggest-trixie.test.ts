/**
 * `cleanroom suggest` of a trixie image (make-debian-image.sh, merged /usr) whose entrypoint is a
 * script run through `#!/usr/bin/env perl`: the machine's apt sources are moved to trixie in the
 * image file, the kernel's `#!` program (env, from coreutils) and the interpreter (perl-base) are
 * kept, and the check passes as a non-root uid in the trixie root.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_CACHE_HOME, runCliEnv } from './build-helpers.js';
import { tempDir } from './scan-helpers.js';
import { canSuggest, debianImage, withApplication } from './suggest-helpers.js';

const tmp = tempDir('cleanroom-suggest-trixie-');
afterAll(tmp.cleanup);

describe.skipIf(!canSuggest)('cleanroom suggest of a trixie image', () => {
  let image: string;

  beforeAll(() => {
    const base = join(tmp.dir, 'debian');
    debianImage(base, 'trixie', '');
    const files = join(tmp.dir, 'files');
    mkdirSync(join(files, 'app'), { recursive: true });
    writeFileSync(join(files, 'app', 'run.pl'), '#!/usr/bin/env perl\nprint "perl $^V as uid $<\\n";\n');
    chmodSync(join(files, 'app', 'run.pl'), 0o755);
    image = withApplication(base, files, join(tmp.dir, 'app.oci.tar'), { entrypoint: ['/app/run.pl'] });
  }, 900_000);

  it('keeps env and perl for a `#!/usr/bin/env perl` entrypoint, and the check passes', async () => {
    const out = join(tmp.dir, 'out');
    const run = await runCliEnv(
      [
        'suggest',
        image,
        '--output',
        out,
        '--db',
        join(tmp.dir, 'no.db'),
        '--check',
        '/app/run.pl',
        '--format',
        'json',
      ],
      { XDG_CACHE_HOME: BUILD_CACHE_HOME },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      suite: string;
      check: { stdout: string };
      packages: { name: string; declared: boolean; reasons: string[] }[];
    };
    expect(result.suite).toBe('trixie');
    expect(result.check.stdout).toMatch(/^perl v5\.\d+\.\d+ as uid 65532\n$/);
    const declared = new Map(
      result.packages.filter((p) => p.declared).map((p) => [p.name, p.reasons.join(' ')]),
    );
    expect(declared.get('coreutils')).toMatch(/runs \/usr\/bin\/env perl/);
    expect(declared.get('perl-base')).toMatch(/runs \/usr\/bin\/perl/);
    expect(readFileSync(join(out, 'cleanroom.yaml'), 'utf8')).toMatch(/^suite: trixie$/m);
  }, 600_000);
});
