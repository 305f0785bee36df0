import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { explainPackage } from './explain.js';
import { packageUniverse } from './package-universe.js';
import { indexPackages } from './packages-index.js';
import { resolveClosure } from './resolve.js';

/** A Packages index from short stanzas: `name version [Field: value]…`. */
function universe(stanzas: string[], arch = 'amd64') {
  const text = stanzas
    .map((s) => {
      const [head, ...fields] = s.split('\n');
      const [name, version, a = 'amd64'] = head!.split(' ');
      return [
        `Package: ${name}`,
        `Version: ${version}`,
        `Architecture: ${a}`,
        ...fields,
        `Filename: pool/${name}_${version}.deb`,
        'Size: 1',
        `SHA256: ${'0'.repeat(64)}`,
      ].join('\n');
    })
    .join('\n\n');
  return packageUniverse([indexPackages(`${text}\n`, 'http://mirror')], arch);
}
const names = (r: { packages: { name: string; version: string }[] }) =>
  r.packages.map((p) => `${p.name}=${p.version}`);

describe('resolveClosure', () => {
  it('follows Depends and Pre-Depends, picks the highest version that satisfies', () => {
    const u = universe([
      'app 1.0\nPre-Depends: libc (>= 2)\nDepends: libfoo (<< 3)',
      'libc 1.0',
      'libc 2.36',
      'libfoo 2.5\nDepends: libc',
      'libfoo 3.0',
      'unrelated 1',
    ]);
    expect(names(resolveClosure(u, ['app']))).toEqual(['app=1.0', 'libc=2.36', 'libfoo=2.5']);
  });

  it('does not add Essential or required packages nobody depends on', () => {
    const u = universe([
      'app 1\nDepends: libc',
      'libc 1\nPriority: required',
      'bash 5 \nEssential: yes\nPriority: required',
    ]);
    expect(names(resolveClosure(u, ['app']))).toEqual(['app=1', 'libc=1']);
  });

  it('takes the first alternative that can be satisfied, or one already chosen', () => {
    const u = universe(['app 1\nDepends: missing | b, c | b', 'b 1', 'c 1']);
    expect(names(resolveClosure(u, ['app']))).toEqual(['app=1', 'b=1']);
  });

  it('satisfies virtual names through Provides, versioned ones only by versioned provides', () => {
    const u = universe([
      'app 1\nDepends: mail-agent, libv (>= 2)',
      'postfix 1\nProvides: mail-agent',
      'real 1\nProvides: libv (= 2.1)',
    ]);
    expect(names(resolveClosure(u, ['app']))).toEqual(['app=1', 'postfix=1', 'real=1']);
    const v = universe(['app 1\nDepends: libv (>= 2)', 'real 1\nProvides: libv']);
    expect(() => resolveClosure(v, ['app'])).toThrow(/cannot satisfy libv \(>= 2\), needed by app/);
  });

  it('reads architecture qualifiers: :any needs Multi-Arch: allowed, arch all fits any arch', () => {
    const u = universe(['app 1\nDepends: py:any, data', 'py 3\nMulti-Arch: allowed', 'data 1 all']);
    expect(names(resolveClosure(u, ['app']))).toEqual(['app=1', 'data=1', 'py=3']);
    const v = universe(['app 1\nDepends: py:any', 'py 3']);
    expect(() => resolveClosure(v, ['app'])).toThrow(InputError);
    const w = universe(['app 1\nDepends: lib', 'lib 1 arm64']);
    expect(() => resolveClosure(w, ['app'])).toThrow(/lib is in no index/);
  });

  it('names the chain of an unsatisfiable dependency in one sentence', () => {
    const u = universe(['app 1\nDepends: mid', 'mid 1\nDepends: libz (>= 9)', 'libz 1.2']);
    expect(() => resolveClosure(u, ['app'])).toThrow(
      'cannot satisfy libz (>= 9), needed by app → mid: libz has 1.2',
    );
  });

  it('refuses conflicting packages, naming both chains', () => {
    const u = universe(['app 1\nDepends: a, b', 'a 1\nConflicts: b (<< 2)', 'b 1']);
    expect(() => resolveClosure(u, ['app'])).toThrow(
      'a 1 (needed by app → a) conflicts with b (<< 2), which b 1 is (needed by app → b)',
    );
    const self = universe(['app 1\nProvides: x\nConflicts: x']);
    expect(names(resolveClosure(self, ['app']))).toEqual(['app=1']);
  });

  it('honours pins, exclusions and leaves', () => {
    const u = universe([
      'app 1\nDepends: lib, dpkg',
      'lib 1',
      'lib 2',
      'dpkg 1\nDepends: tar',
      'tar 1',
      'ca 1\nDepends: openssl',
      'openssl 3',
    ]);
    const r = resolveClosure(u, ['app', 'ca'], {
      pins: new Map([['lib', '1']]),
      exclude: new Set(['dpkg']),
      leaves: new Set(['ca']),
    });
    expect(names(r)).toEqual(['app=1', 'ca=1', 'lib=1']);
    expect(() => resolveClosure(u, ['app'], { pins: new Map([['app', '7']]) })).toThrow(
      /app 7 \(from the lock file\)/,
    );
  });

  it('explains why a package is in', () => {
    const u = universe(['app 1\nPre-Depends: mid', 'mid 1\nDepends: virt', 'impl 1\nProvides: virt']);
    const r = resolveClosure(u, ['app']);
    expect(explainPackage('impl', r.reasons)).toEqual([
      'app: declared in the image file',
      'mid: Pre-Depends of app: mid',
      'impl: Depends of mid: virt',
    ]);
    expect(explainPackage('nothing', r.reasons)).toBeUndefined();
  });
});
