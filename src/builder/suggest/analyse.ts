/**
 * What the program of an image needs, derived from the image itself: the files no package owns
 * (the application), the programs its entrypoint and scripts run, the ELF closure of every
 * executable and shared object among them (interpreter, `DT_NEEDED` through `RPATH`, the
 * environment's `LD_LIBRARY_PATH`, `RUNPATH`, ld.so.conf and the default folders), the Python
 * modules its `.py` files import, and the data packages a runtime loads by name. Each need is
 * mapped to the package that owns the file; the Depends closure of those packages is the
 * resolver's work (resolve.ts), not this file's.
 */
import { dirname, posix } from 'node:path';
import type { FileInfo, FileView } from '../../image/file-view.js';
import { resolveInRoot } from '../../image/path/resolve-in-root.js';
import type { ImageConfig } from '../../image/types.js';
import { elfDynamic, isElf } from './elf-dynamic.js';
import { usrAlias, type Owners } from './owners.js';

/** Why a package or a file is in. */
export type Reasons = Map<string, string[]>;

/** The account the suggested image runs as. */
export interface SuggestedUser {
  /** the original config's User ('' when unset: root) */
  original: string;
  runsAsRoot: boolean;
  user: string;
  uid: number;
  gid: number;
}

/** What the analysis found. */
export interface Analysis {
  /** the command the image runs: entrypoint + cmd */
  argv: string[];
  entrypoint?: string[];
  cmd?: string[];
  env: Record<string, string>;
  workdir?: string;
  user: SuggestedUser;
  /** packages to declare, with why */
  packages: Reasons;
  /** the unowned files carried in the application layer */
  appFiles: FileInfo[];
  caCertificates: boolean;
  /** no library, interpreter or script need: the static base */
  isStatic: boolean;
  notes: string[];
  warnings: string[];
}

/** Paths whose unowned files are state or caches that package managers and scripts write. */
const NOT_APPLICATION = [
  /^\/(proc|sys|dev|run|tmp|var|etc|boot|mnt|media|lost\+found)(\/|$)/,
  /^\/(bin|sbin|lib|lib32|lib64|libx32|libo32)$/,
  /^\/usr\/share\/(doc|man|info|locale|lintian)\//,
  /^\/usr\/(lib|share)\/python3[^/]*\/.*(__pycache__\/|\.pyc$)/,
  /^\/root\/\.[^/]+$/,
  /^\/usr\/lib\/locale\/locale-archive$/,
  /\/gconv\/gconv-modules\.cache$/,
  /^\/root\/\.cache\//,
  /^\/\.dockerenv$/,
];

/** Whether an unowned path belongs to the application (carried) rather than to the system. */
export function isApplicationPath(path: string): boolean {
  return !NOT_APPLICATION.some((re) => re.test(path));
}

const LIBRARY_CODE = /\/lib\/python3[^/]*\/|\/(site|dist)-packages\/|\/node_modules\//;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PYTHON_IMPORT = /^[ \t]*(?:from[ \t]+([A-Za-z_][\w]*)[\w.]*[ \t]+import\b|import[ \t]+([^#\n;]+))/gm;

/** Splits a config's env list into a record (later entries win, as a runtime applies them). */
export function envRecord(env: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const at = e.indexOf('=');
    if (at > 0) out[e.slice(0, at)] = e.slice(at + 1);
  }
  return out;
}

/** Inputs of the analysis. */
export interface AnalyseInput {
  /** the image's files; the unowned application files with their bytes */
  view: FileView;
  owners: Owners;
  config: ImageConfig;
  /** installed packages, name → version */
  installed: ReadonlyMap<string, string>;
  /** the Debian multiarch triplet of the image's architecture */
  triplet: string;
}

/** Analyses an image: what its program needs. */
export async function analyse(input: AnalyseInput): Promise<Analysis> {
  const { view, owners, config, installed, triplet } = input;
  const env = envRecord(config.env);
  const argv = [...(config.entrypoint ?? []), ...(config.cmd ?? [])];
  const packages: Reasons = new Map();
  const notes: string[] = [];
  const warnings: string[] = [];
  const need = (pkg: string, why: string) => {
    const list = packages.get(pkg) ?? [];
    if (!list.includes(why)) list.push(why);
    packages.set(pkg, list);
  };
  const lstat = (p: string) => view.lstat(p);
  const real = async (p: string) => (await resolveInRoot(p, lstat, true).catch(() => undefined)) ?? p;
  const ownerOf = async (p: string): Promise<string | undefined> => {
    const canonical = (await resolveInRoot(p, lstat, false).catch(() => undefined)) ?? p;
    for (const candidate of [p, canonical, await real(p)]) {
      const found = owners.owner(candidate) ?? owners.owner(usrAlias(candidate) ?? '');
      if (found) return found;
    }
    return undefined;
  };
  const isFile = async (p: string) => (await view.stat(p))?.type === 'file';
  const pathDirs = (env.PATH ?? DEFAULT_PATH).split(':').filter(Boolean);
  const command = async (name: string) => {
    if (name.includes('/')) return (await isFile(name)) ? posix.normalize(name) : undefined;
    for (const dir of pathDirs) if (await isFile(`${dir}/${name}`)) return `${dir}/${name}`;
    return undefined;
  };

  // the application: every unowned file outside the system's state folders
  const appFiles: FileInfo[] = [];
  for await (const info of view.walk()) {
    if (info.type !== 'file' && info.type !== 'symlink') continue;
    if (!isApplicationPath(info.path) || (await ownerOf(info.path))) continue;
    if (info.type === 'symlink' && /^\/etc\/alternatives\//.test(info.linkTarget ?? '')) continue;
    // a dangling link (base-files' /usr/local/man → share/man) carries nothing
    if (info.type === 'symlink' && !(await view.stat(info.path))) continue;
    appFiles.push(info);
  }
  const appPaths = new Set(appFiles.map((f) => f.path));

  const queue: { path: string; why: string; named?: boolean }[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, why: string, named = false) => {
    const owner = await ownerOf(path);
    if (owner) {
      need(owner, why);
      return;
    }
    const target = await real(path);
    if (!seen.has(target)) {
      seen.add(target);
      queue.push({ path: target, why, named });
    }
  };

  // the entrypoint and the files its arguments name
  if (argv.length === 0) warnings.push('the image names no entrypoint or cmd: only its files were analysed');
  else {
    const program = await command(argv[0]!);
    if (!program) warnings.push(`the entrypoint program ${argv[0]} is not in the image`);
    else await visit(program, `the entrypoint runs ${program}`, true);
    if (argv[0] && /(^|\/)(sh|bash|dash)$/.test(argv[0]))
      notes.push(`the entrypoint runs a shell (${argv.slice(0, 2).join(' ')}): the shell stays in`);
    for (const arg of argv.slice(1))
      if (arg.startsWith('/') && (await isFile(arg))) await visit(arg, `the entrypoint names ${arg}`, true);
  }
  for (const f of appFiles)
    if (f.type === 'file') await visit(f.path, `${f.path} is part of the application`);

  // ld.so.conf folders, for libraries found by the cache
  const ldDirs = await ldConfDirs(view);
  const defaults = [`/lib/${triplet}`, `/usr/lib/${triplet}`, '/lib64', '/usr/lib64', '/lib', '/usr/lib'];
  const envDirs = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  const pythonDirs = await pythonPath(view);
  let dynamic = false;
  const shellScripts: string[] = [];

  while (queue.length) {
    const { path, named } = queue.shift()!;
    let content: Buffer;
    try {
      content = await view.readFile(path);
    } catch {
      continue; // a file whose bytes were not kept: owned, or not the application's
    }
    if (isElf(content)) {
      const elf = elfDynamic(content);
      if (!elf) continue;
      if (elf.interpreter) {
        dynamic = true;
        if (await view.stat(elf.interpreter)) await visit(elf.interpreter, `the ELF interpreter of ${path}`);
        else
          warnings.push(
            `${path} asks for the ELF interpreter ${elf.interpreter}, which the image does not have`,
          );
      }
      if (elf.needed.length) dynamic = true;
      const origin = dirname(path);
      const expand = (d: string) => d.replace(/\$(ORIGIN|\{ORIGIN\})/g, origin);
      const dirs = [
        ...(elf.runpath.length ? [] : elf.rpath.map(expand)),
        ...envDirs,
        ...elf.runpath.map(expand),
        ...ldDirs,
        ...defaults,
      ];
      for (const lib of elf.needed) {
        let found: string | undefined;
        if (lib.includes('/')) found = (await isFile(lib)) ? lib : undefined;
        else for (const d of dirs) if (!found && (await isFile(`${d}/${lib}`))) found = `${d}/${lib}`;
        if (found) await visit(found, `${path} needs ${lib} (${found})`);
        else warnings.push(`${path} needs ${lib}, which the image does not have`);
      }
      continue;
    }
    const text = content.subarray(0, 4096).toString('latin1');
    // a shebang counts when the script can run by it: named by the entrypoint, or executable and
    // not library code (a language's modules carry `#!` lines for `python -m`, not to be exec'ed)
    const executable = named || (!LIBRARY_CODE.test(path) && ((await view.stat(path))?.mode ?? 0) & 0o111);
    if (text.startsWith('#!') && executable) {
      const [interp, arg] = text.slice(2).split('\n', 1)[0]!.trim().split(/\s+/);
      const name = interp?.endsWith('/env') && arg ? arg : interp;
      const program = name ? await command(name) : undefined;
      dynamic = true;
      if (!program) warnings.push(`the script ${path} asks for ${name}, which the image does not have`);
      else if (!named && /(^|\/)(sh|bash|dash)$/.test(name!)) shellScripts.push(path);
      else {
        // the kernel runs the `#!` program itself: /usr/bin/env too when the line goes through it
        if (name !== interp && interp) await visit(interp, `the script ${path} runs ${interp} ${name}`);
        await visit(program, `the script ${path} runs ${program}`);
      }
    }
    if (path.endsWith('.py') || /^#!.*python/.test(text)) {
      dynamic = true;
      for (const module of pythonImports(content.toString('utf8'))) {
        const found = await findModule(view, [dirname(path), ...pythonDirs], module);
        if (found && !appPaths.has(found)) {
          const owner = await ownerOf(found);
          if (owner) need(owner, `${path} imports ${module} (${found})`);
        }
      }
    }
  }

  if (shellScripts.length)
    notes.push(
      `left out the shell that ${shellScripts.length} executable script(s) of the application name (${shellScripts.slice(0, 3).join(', ')}${shellScripts.length > 3 ? ' …' : ''}): the entrypoint does not run them; if the program does, --check shows it`,
    );
  // data a runtime loads by name
  let caCertificates = false;
  if (installed.has('ca-certificates') && dynamic) {
    caCertificates = true;
    notes.push('CA certificates kept: the original carries them and TLS clients load /etc/ssl/certs by name');
  }
  if (installed.has('tzdata') && dynamic)
    need('tzdata', 'the original carries time zone data, loaded by name from /usr/share/zoneinfo');
  const isStatic = !dynamic && appFiles.some((f) => f.type === 'file');
  if (isStatic) {
    need('tzdata', 'the static base (examples/build/static.yaml): time zone data');
    need('netbase', 'the static base (examples/build/static.yaml): /etc/services and /etc/protocols');
    caCertificates = true;
    notes.push('no library, interpreter or script is needed: the static base plus the program');
  }

  const user = suggestedUser(config.user ?? '', await passwdOf(view));
  if (user.runsAsRoot)
    notes.push(
      `the original runs as root; the suggestion runs as ${user.user} (uid ${user.uid}): the application's files stay owned by root, read-only to it`,
    );
  return {
    argv,
    entrypoint: config.entrypoint,
    cmd: config.cmd,
    env,
    workdir: config.workingDir,
    user,
    packages,
    appFiles,
    caCertificates,
    isStatic,
    notes,
    warnings,
  };
}

/** The top-level modules a Python file imports (not relative ones). */
export function pythonImports(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(PYTHON_IMPORT)) {
    if (m[1]) out.add(m[1]);
    else
      for (const part of m[2]!.replace(/[()\\]/g, ' ').split(',')) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
        if (name) out.add(name);
      }
  }
  return [...out].sort();
}

/** The folders a CPython of the image searches for modules, Debian's and /usr/local's. */
async function pythonPath(view: FileView): Promise<string[]> {
  const dirs: string[] = [];
  for (const prefix of ['/usr/local/lib', '/usr/lib'])
    for (const name of await view.readDir(prefix))
      if (/^python3(\.\d+)?$/.test(name)) {
        const base = `${prefix}/${name}`;
        dirs.push(base, `${base}/lib-dynload`, `${base}/site-packages`, `${base}/dist-packages`);
      }
  return dirs;
}

/** Where a module is found on the path: a package folder, a `.py` file or an extension module. */
async function findModule(
  view: FileView,
  dirs: readonly string[],
  module: string,
): Promise<string | undefined> {
  for (const dir of dirs) {
    const pkg = await view.stat(`${dir}/${module}`);
    if (pkg?.type === 'dir') {
      const init = `${dir}/${module}/__init__.py`;
      return (await view.stat(init)) ? init : `${dir}/${module}`;
    }
    if ((await view.stat(`${dir}/${module}.py`))?.type === 'file') return `${dir}/${module}.py`;
    const ext = (await view.readDir(dir)).find((n) => n.startsWith(`${module}.`) && n.endsWith('.so'));
    if (ext) return `${dir}/${ext}`;
  }
  return undefined;
}

/** The folders /etc/ld.so.conf names (with its `include` globs of the form DIR/*.conf). */
async function ldConfDirs(view: FileView): Promise<string[]> {
  const dirs: string[] = [];
  const read = async (path: string) => {
    let text: string;
    try {
      text = (await view.readFile(path)).toString('utf8');
    } catch {
      return;
    }
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const include = /^include\s+(\S+)$/.exec(line)?.[1];
      if (!include) dirs.push(line);
      else if (include.endsWith('/*.conf')) {
        const dir = include.slice(0, -'/*.conf'.length);
        for (const name of await view.readDir(dir)) if (name.endsWith('.conf')) await read(`${dir}/${name}`);
      } else await read(include);
    }
  };
  await read('/etc/ld.so.conf');
  return dirs;
}

async function passwdOf(view: FileView): Promise<string> {
  try {
    return (await view.readFile('/etc/passwd')).toString('utf8');
  } catch {
    return '';
  }
}

/** The account of the suggestion: the original's when it is not root, else nonroot (65532). */
export function suggestedUser(original: string, passwd: string): SuggestedUser {
  const [who = '', group] = original.split(':');
  const entries = passwd
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4);
  const byName = entries.find((f) => f[0] === who);
  const byUid = entries.find((f) => f[2] === who);
  const uid = /^\d+$/.test(who) ? Number(who) : byName ? Number(byName[2]) : 0;
  if (who === '' || who === 'root' || uid === 0)
    return { original, runsAsRoot: true, user: 'nonroot', uid: 65532, gid: 65532 };
  const name = byName?.[0] ?? byUid?.[0] ?? 'app';
  const gid = group && /^\d+$/.test(group) ? Number(group) : Number((byName ?? byUid)?.[3] ?? uid);
  return {
    original,
    runsAsRoot: false,
    user: /^[a-z_][a-z0-9_-]*$/.test(name) ? name : 'app',
    uid,
    gid: gid || uid,
  };
}
