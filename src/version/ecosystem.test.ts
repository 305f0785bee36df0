import { describe, expect, it } from 'vitest';
import { schemeForEcosystem } from './ecosystem.js';

describe('schemeForEcosystem', () => {
  it.each([
    ['Alpine:v3.9', 'apk'],
    ['Wolfi', 'apk'],
    ['Chainguard', 'apk'],
    ['Debian:12', 'dpkg'],
    ['Ubuntu:22.04', 'dpkg'],
    ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
    ['Red Hat', 'rpm'],
    ['Red Hat:enterprise_linux:9::appstream', 'rpm'],
    ['AlmaLinux:8', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['openSUSE:Tumbleweed', 'rpm'],
    ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
    ['PyPI', 'pep440'],
    ['npm', 'semver'],
    ['crates.io', 'semver'],
    ['Go', 'go'],
    ['Maven', 'maven'],
    ['RubyGems', 'rubygems'],
    ['NuGet', 'generic'],
    ['Packagist', 'generic'],
  ])('%s uses %s', (ecosystem, scheme) => {
    expect(schemeForEcosystem(ecosystem).name).toBe(scheme);
  });
});
