/**
 * Test support: real ELF files to read audit data from. A tiny Rust program built with rustc (no
 * crates, no network), and binutils' objcopy to link a `.dep-v0` section into it the way
 * cargo-auditable's linker step does (`--set-section-flags noload,readonly`: the data is in the
 * file but never loaded into memory). The section content is whatever the test gives.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** One entry of cargo-auditable's `packages` list, as its schema describes it. */
export interface AuditEntry {
  name: string;
  version: string;
  source: string;
  kind?: 'build' | 'runtime';
  dependencies?: number[];
  root?: boolean;
}

/** Builds a small Rust program in `dir` and returns the binary's path. */
export function buildRustProgram(dir: string): string {
  const source = join(dir, 'hello.rs');
  const binary = join(dir, 'hello');
  writeFileSync(source, 'fn main() {\n    println!("hello from {}", std::env::args().count());\n}\n');
  execFileSync('rustc', ['-O', '--edition', '2021', '-o', binary, source], { stdio: 'pipe' });
  return binary;
}

/** The zlib-compressed JSON cargo-auditable would embed for these packages. */
export function auditData(packages: AuditEntry[]): Buffer {
  return deflateSync(Buffer.from(JSON.stringify({ packages })));
}

/** A copy of `binary` at `out` with `section` holding `data`, added as cargo-auditable adds it. */
export function withSection(binary: string, data: Buffer, out: string, section = '.dep-v0'): string {
  const file = `${out}.section`;
  writeFileSync(file, data);
  execFileSync(
    'objcopy',
    ['--add-section', `${section}=${file}`, '--set-section-flags', `${section}=noload,readonly`, binary, out],
    { stdio: 'pipe' },
  );
  return out;
}

/**
 * A minimal ELF object of the given binutils target (`elf32-big`, `elf64-little` …) that holds
 * `data` in `section`: objcopy wraps a raw file as `.data` and adds the section beside it.
 */
export function elfObject(target: string, data: Buffer, out: string, section = '.dep-v0'): string {
  const file = `${out}.section`;
  writeFileSync(file, data);
  execFileSync('objcopy', ['-I', 'binary', '-O', target, '--add-section', `${section}=${file}`, file, out], {
    stdio: 'pipe',
  });
  return out;
}

/**
 * What binutils itself reads as the content of `section` (the oracle for the section reader);
 * the generic targets of `elfObject` must be named, binutils does not guess them.
 */
export function dumpSection(file: string, section: string, target?: string): Buffer {
  const out = `${file}.dump`;
  const input = target ? ['-I', target] : [];
  execFileSync('objcopy', [...input, '--dump-section', `${section}=${out}`, file, `${file}.ignored`], {
    stdio: 'pipe',
  });
  return readFileSync(out);
}
