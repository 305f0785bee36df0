import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { parseGemSpec } from './gemspec.js';
import { gemCataloguer } from './index.js';

const ctx = { view: memoryView([]) };
const run = (args: string[]) =>
  execFileSync('gem', args, { encoding: 'utf8', env: { ...process.env, HOME: '/nonexistent' } });

// every installed specification of Debian's Ruby (installed by .ci/run), where RubyGems looks
function installedSpecs(): string[] {
  const out: string[] = [];
  for (const home of run(['env', 'gempath']).trim().split(':')) {
    for (const dir of [join(home, 'specifications'), join(home, 'specifications', 'default')]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) if (name.endsWith('.gemspec')) out.push(join(dir, name));
    }
  }
  return out;
}

describe('gem cataloguer', () => {
  it('reads every installed gem as `gem list --local` lists it', async () => {
    // `gem list`: one line per name, its versions in parentheses, default gems marked
    const listed = run(['list', '--local'])
      .split('\n')
      .flatMap((line) => {
        const m = /^(\S+) \((.+)\)$/.exec(line);
        return m ? m[2]!.split(', ').map((v) => `${m[1]}@${v.replace('default: ', '').split(' ')[0]}`) : [];
      })
      .sort();
    expect(listed.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of installedSpecs()) {
      expect(gemCataloguer.wants(file), file).toBe(true);
      const { packages, warnings } = await gemCataloguer.parse(file, readFileSync(file), ctx);
      expect(warnings, file).toEqual([]);
      found.push(...packages.map((p) => `${p.name}@${p.version}`));
    }
    expect([...new Set(found)].sort()).toEqual(listed);
  });

  it('gives licences, a gem purl and the file it came from', async () => {
    const rake = installedSpecs().find((f) => /\/rake-[\d.]+\.gemspec$/.test(f))!;
    const { packages } = await gemCataloguer.parse(rake, readFileSync(rake), ctx);
    expect(packages[0]).toMatchObject({
      name: 'rake',
      type: 'gem',
      purl: `pkg:gem/rake@${packages[0]!.version}`,
      licenses: ['MIT'],
      locations: [rake],
      foundBy: 'gem',
    });
  });

  it('reads the spec as data, never as code, and says when name or version is missing', () => {
    const spec = [
      'Gem::Specification.new do |s|',
      '  s.name = "evil".freeze',
      '  s.version = Gem::Version.new("1.0.0") if system("touch /tmp/pwned")',
      "  s.license = 'Apache-2.0'",
      '  other.name = "not the spec"',
      'end',
    ].join('\n');
    expect(parseGemSpec(spec)).toEqual({ name: 'evil', version: '1.0.0', licenses: ['Apache-2.0'] });
    expect(parseGemSpec('Gem::Specification.new do |s|\n  s.name = "x"\nend\n')).toMatch(
      /no name or version/,
    );
  });

  it('wants installed specifications only, not a project source tree', () => {
    expect(gemCataloguer.wants('/usr/local/bundle/specifications/rack-3.0.8.gemspec')).toBe(true);
    expect(
      gemCataloguer.wants('/usr/local/lib/ruby/gems/3.3.0/specifications/default/json-2.7.1.gemspec'),
    ).toBe(true);
    expect(gemCataloguer.wants('/app/mygem.gemspec')).toBe(false);
    expect(gemCataloguer.wants('/app/specifications/README.md')).toBe(false);
  });
});
