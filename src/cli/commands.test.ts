import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commands } from './commands.js';
import { buildProgram, main } from './main.js';

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += String(chunk);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(write);
  vi.spyOn(process.stderr, 'write').mockImplementation(write);
  try {
    process.exitCode = undefined;
    return { code: await main(['node', 'cleanroom', ...args]), out };
  } finally {
    vi.restoreAllMocks();
  }
}

const argsOf = (command: {
  registeredArguments: readonly { name(): string; required: boolean; variadic: boolean }[];
}) =>
  command.registeredArguments
    .map((a) => (a.required ? '<' : '[') + a.name() + (a.variadic ? '...' : '') + (a.required ? '>' : ']'))
    .join(' ') || undefined;

describe('the lazy command registry', () => {
  it('lists each command as its file registers it: name, arguments, description', async () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of commands) {
      const program = new Command('cleanroom');
      (await entry.load()).register(program);
      expect(
        program.commands.map((c) => c.name()),
        entry.name,
      ).toEqual([entry.name]);
      const real = program.commands[0]!;
      expect(real.description(), entry.name).toBe(entry.description);
      expect(argsOf(real), entry.name).toBe(entry.args);
    }
  });

  it('registers every command, and in full only the one asked for', async () => {
    const program = await buildProgram(['node', 'cleanroom', '--debug', 'sbom', 'x.tar', '--format', 'json']);
    expect(program.commands.map((c) => c.name())).toEqual(commands.map((c) => c.name));
    const byName = new Map(program.commands.map((c) => [c.name(), c]));
    expect(byName.get('sbom')!.options.map((o) => o.long)).toContain('--format');
    expect(byName.get('scan')!.options).toEqual([]);
    const help = await buildProgram(['node', 'cleanroom', 'help', 'scan']);
    expect(help.commands.find((c) => c.name() === 'scan')!.options.map((o) => o.long)).toContain('--fail-on');
  });

  it('--help lists every command with its description; a command help shows its own options', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const entry of commands) {
      expect(out).toContain(`${entry.name}${entry.args ? ` ${entry.args}` : ''}`);
      expect(out.replace(/\s+/g, ' ')).toContain(entry.description);
    }
    const sbom = await run('sbom', '--help');
    expect(sbom.code).toBe(0);
    expect(sbom.out).toContain('--max-layer-bytes');
    const viaHelp = await run('help', 'db');
    expect(viaHelp.out).toContain('build the advisory DB from local feed files');
  });

  it('the bin answers --version alone as main does', async () => {
    const fromMain = await run('--version');
    for (const flag of ['--version', '-V']) {
      const bin = spawnSync(process.execPath, [resolve('bin/cleanroom.js'), flag], { encoding: 'utf8' });
      expect(bin.status).toBe(0);
      expect(bin.stdout).toBe(fromMain.out);
    }
  });

  it('runs a command loaded on demand and refuses an unknown one', async () => {
    const compare = await run('version', 'compare', 'dpkg', '1.0-1', '1.0-2');
    expect(compare).toEqual({ code: 0, out: '<\n' });
    const unknown = await run('sbmo', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("unknown command 'sbmo'");
  });
});

// A child process records every module it loads (a resolve hook), so the test sees what
// `--version`, `--help` and one command load, which an in-process import cache would hide.
describe('what start-up loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanroom-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('LOADED ' + result.url + '\\n');
  return result;
}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const mainUrl = pathToFileURL(resolve('src/cli/main.ts')).href;

  function loaded(...args: string[]): string[] {
    const script = `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(['node', 'cleanroom', ...${JSON.stringify(args)}]);`;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', register, '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(child.status, child.stderr).toBe(0);
    return child.stderr
      .split('\n')
      .filter((l) => l.startsWith('LOADED '))
      .map((l) => l.slice('LOADED '.length));
  }
  const ours = (urls: string[]) => urls.filter((u) => u.includes('/src/') && !u.endsWith('/src/cli/main.ts'));

  it('--version and --help load no command file and no stage', () => {
    for (const flag of ['--version', '--help']) {
      const urls = loaded(flag);
      const files = ours(urls).map((u) => u.replace(/^.*\/src\//, 'src/'));
      expect(files, flag).toContain('src/cli/commands.ts');
      // only the registry, errors and the scanner's name: no command file, no stage
      const stages =
        /^src\/(cli\/(?!commands\.ts)|catalog|match|report|advisory|history|store|server|worker|version|image|sbom\.ts|scan\.ts)/;
      expect(
        files.filter((f) => stages.test(f)),
        flag,
      ).toEqual([]);
      for (const heavy of ['undici', 'packageurl-js', 'kysely', 'better-sqlite3', 'pg', 'zod', 'fastify'])
        expect(
          urls.some((u) => u.includes(`/node_modules/${heavy}/`)),
          `${flag} loads ${heavy}`,
        ).toBe(false);
    }
  });

  it('a command loads its own file, not the other commands', () => {
    const urls = ours(loaded('version', 'schemes'));
    expect(urls.some((u) => u.endsWith('/src/cli/version.ts'))).toBe(true);
    for (const other of commands.filter((c) => c.name !== 'version'))
      expect(
        urls.some((u) => u.endsWith(`/src/cli/${other.name}.ts`)),
        other.name,
      ).toBe(false);
  });
});
