/**
 * Test support: builds a small Go program with the Go toolchain (Debian's golang-go, installed by
 * .ci/run) and returns the binary's path. Its modules cover what build information can say: a
 * dependency replaced by another module, one replaced by a local folder, a plain one. They are
 * vendored, so the build needs no network; the binary is stripped of symbols (-s -w).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FILES: Record<string, string> = {
  'lib/go.mod': 'module example.com/lib\n\ngo 1.19\n',
  'lib/lib.go': 'package lib\n\nfunc H() string { return "lib" }\n',
  'app/go.mod': [
    'module example.com/app\n\ngo 1.19\n',
    'require (\n\texample.com/lib v1.2.3\n\texample.com/old v1.0.0\n\texample.com/plain v0.3.1\n)\n',
    'replace example.com/old v1.0.0 => example.com/new v1.1.0\n',
    'replace example.com/lib v1.2.3 => ../lib\n',
  ].join('\n'),
  'app/vendor/modules.txt': [
    '# example.com/lib v1.2.3 => ../lib',
    '## explicit',
    'example.com/lib',
    '# example.com/old v1.0.0 => example.com/new v1.1.0',
    '## explicit',
    'example.com/old',
    '# example.com/plain v0.3.1',
    '## explicit',
    'example.com/plain',
    '# example.com/lib v1.2.3 => ../lib',
    '# example.com/old v1.0.0 => example.com/new v1.1.0',
    '',
  ].join('\n'),
  'app/vendor/example.com/lib/lib.go': 'package lib\n\nfunc H() string { return "lib" }\n',
  'app/vendor/example.com/old/old.go': 'package old\n\nfunc F() string { return "old" }\n',
  'app/vendor/example.com/plain/plain.go': 'package plain\n\nfunc G() string { return "plain" }\n',
  'app/main.go': [
    'package main\n',
    'import (\n\t"fmt"\n\t"example.com/lib"\n\t"example.com/old"\n\t"example.com/plain"\n)\n',
    'func main() { fmt.Println(lib.H(), old.F(), plain.G()) }\n',
  ].join('\n'),
};

/** Writes the program's sources into `work` and builds it there; returns the binary's path. */
export function buildGoProgram(work: string): string {
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(work, name)), { recursive: true });
    writeFileSync(join(work, name), text);
  }
  const binary = join(work, 'app', 'app');
  execFileSync('go', ['build', '-ldflags=-s -w', '-o', binary, '.'], {
    cwd: join(work, 'app'),
    env: {
      ...process.env,
      HOME: work,
      GOCACHE: join(work, 'cache'),
      GOPATH: join(work, 'gopath'),
      GOPROXY: 'off',
      GOFLAGS: '-mod=vendor',
      GOTOOLCHAIN: 'local',
    },
  });
  return binary;
}
