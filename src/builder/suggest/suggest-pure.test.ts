import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonImports } from './python-modules.js';
import { suggestedUser } from './suggested-user.js';
import { splitCommand } from './check.js';
import { counterpartsFor, repositoryOf } from './counterparts.js';
import { elfDynamic } from './elf-dynamic.js';
import { repositoriesForSuite } from './image-file-text.js';
import { Owners, packageOfList, usrAlias } from './owners.js';

const hasReadelf = spawnSync('which', ['readelf']).status === 0;

describe('elfDynamic', () => {
  it.skipIf(!hasReadelf)('reads what readelf reads of this machine’s programs and libraries', () => {
    const files = ['/usr/bin/ls', '/usr/lib/x86_64-linux-gnu/libssl.so.3', process.execPath].filter(
      (f) => spawnSync('test', ['-f', f]).status === 0,
    );
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const dyn = elfDynamic(readFileSync(file))!;
      const text = execFileSync('readelf', ['-d', '-l', '-W', file], { encoding: 'utf8' });
      const needed = [...text.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
      const runpath = [...text.matchAll(/\(RUNPATH\)\s+Library runpath: \[([^\]]+)\]/g)].flatMap((m) =>
        m[1]!.split(':'),
      );
      const interp = /Requesting program interpreter: ([^\]]+)\]/.exec(text)?.[1];
      expect(dyn.needed, file).toEqual(needed);
      expect(dyn.runpath, file).toEqual(runpath);
      expect(dyn.interpreter, file).toBe(interp);
    }
  });

  it('reads nothing from a file that is not ELF', () => {
    expect(elfDynamic(Buffer.from('#!/bin/sh\necho hi\n'))).toBeUndefined();
  });
});

describe('Owners', () => {
  it('knows a path under its merged-/usr alias too', () => {
    const owners = new Owners();
    owners.add('coreutils', '/.\n/bin\n/bin/ls\n', 'list');
    owners.add('libc6', 'd41d8cd98f00b204e9800998ecf8427e  usr/lib/x86_64-linux-gnu/libc.so.6\n', 'md5sums');
    expect(owners.owner('/usr/bin/ls')).toBe('coreutils');
    expect(owners.owner('/bin/ls')).toBe('coreutils');
    expect(owners.owner('/lib/x86_64-linux-gnu/libc.so.6')).toBe('libc6');
    expect(owners.owner('/app/main.py')).toBeUndefined();
    expect(usrAlias('/usr/share/x')).toBeUndefined();
    expect(packageOfList('libc6:amd64.list')).toBe('libc6');
    expect(packageOfList('python3.11-minimal.list')).toBe('python3.11-minimal');
  });
});

describe('pythonImports', () => {
  it('lists the top-level modules, not relative ones', () => {
    const source = `import os, sys as system\nimport requests\nfrom ssl import create_default_context\nfrom . import sibling\nfrom xml.etree import ElementTree\n  import json  # indented\n`;
    expect(pythonImports(source)).toEqual(['json', 'os', 'requests', 'ssl', 'sys', 'xml']);
  });
});

describe('splitCommand', () => {
  it('splits words as a shell does, without expansion', () => {
    expect(splitCommand(`python3 -c 'import ssl; print(1)'  "a b" c\\ d`)).toEqual([
      'python3',
      '-c',
      'import ssl; print(1)',
      'a b',
      'c d',
    ]);
    expect(() => splitCommand(`python3 -c 'x`)).toThrow(/unterminated/);
  });
});

describe('suggestedUser', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\napp:x:1000:1001:app:/home/app:/bin/sh\n';
  it('runs as nonroot when the original runs as root, else keeps the original account', () => {
    for (const u of ['', 'root', '0', '0:0'])
      expect(suggestedUser(u, passwd)).toMatchObject({ runsAsRoot: true, uid: 65532, user: 'nonroot' });
    expect(suggestedUser('app', passwd)).toMatchObject({
      runsAsRoot: false,
      user: 'app',
      uid: 1000,
      gid: 1001,
    });
    expect(suggestedUser('1000:5', passwd)).toMatchObject({ user: 'app', uid: 1000, gid: 5 });
  });
});

describe('counterpartsFor', () => {
  it('lists the shipped catalogue’s candidates, and a user’s entry replaces the image’s', async () => {
    const shipped = await counterpartsFor('docker.io/library/python:3.12', {});
    expect(shipped.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['Chainguard (Wolfi)', 'distroless', 'slim variant', 'Alpine variant']),
    );
    const home = mkdtempSync(join(tmpdir(), 'cleanroom-counterparts-'));
    try {
      mkdirSync(join(home, 'cleanroom'));
      writeFileSync(
        join(home, 'cleanroom', 'counterparts.yaml'),
        'counterparts:\n  - image: python\n    candidates:\n      - { ref: registry.local/python-min:1, kind: ours }\n',
      );
      expect(await counterpartsFor('python:3.12', { XDG_CONFIG_HOME: home })).toEqual([
        { ref: 'registry.local/python-min:1', kind: 'ours' },
      ]);
      expect((await counterpartsFor('node:22', { XDG_CONFIG_HOME: home })).length).toBeGreaterThan(0);
      expect(await counterpartsFor('app.oci.tar', { XDG_CONFIG_HOME: home })).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('repositoriesForSuite', () => {
  const machine = [
    { uri: 'http://deb.debian.org/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] },
    { uri: 'http://deb.debian.org/debian-security', suites: ['bookworm-security'], components: ['main'] },
  ];
  it('moves the machine’s sources to a suite they do not serve, and leaves them when they do', () => {
    expect(repositoriesForSuite(machine, 'trixie')).toEqual([
      { url: 'http://deb.debian.org/debian', suites: ['trixie', 'trixie-updates'] },
      { url: 'http://deb.debian.org/debian-security', suites: ['trixie-security'] },
    ]);
    expect(repositoriesForSuite(machine, 'bookworm')).toEqual([]);
  });
});

describe('repositoryOf', () => {
  it('names an image as the catalogue does', () => {
    expect(repositoryOf('python:3.12-slim')).toBe('python');
    expect(repositoryOf('docker.io/library/node:22@sha256:abc')).toBe('node');
    expect(repositoryOf('registry.local:5000/team/app:1')).toBe('registry.local:5000/team/app');
  });
});
