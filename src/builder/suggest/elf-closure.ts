/**
 * The ELF closure step: for one executable or shared object, its program interpreter (`PT_INTERP`)
 * and each `DT_NEEDED` library, looked up as the dynamic loader does (ld.so(8)): `DT_RPATH` when
 * there is no `DT_RUNPATH`, `LD_LIBRARY_PATH`, `DT_RUNPATH` (`$ORIGIN` expanded), the folders of
 * /etc/ld.so.conf, then the default folders.
 */
import { dirname } from 'node:path';
import type { FileView } from '../../image/file-view.js';
import { elfDynamic } from './elf-dynamic.js';
import type { ImageLookup } from './image-lookup.js';
import type { Needs } from './needs.js';

/** Where the loader searches besides an object's own RPATH/RUNPATH. */
export interface LibrarySearch {
  envDirs: string[];
  ldDirs: string[];
  defaults: string[];
}

/** The image's library search folders: the environment's, ld.so.conf's and the defaults. */
export async function librarySearch(
  view: FileView,
  env: Record<string, string>,
  triplet: string,
): Promise<LibrarySearch> {
  return {
    envDirs: (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    ldDirs: await ldConfDirs(view),
    defaults: [`/lib/${triplet}`, `/usr/lib/${triplet}`, '/lib64', '/usr/lib64', '/lib', '/usr/lib'],
  };
}

/**
 * Visits the interpreter and the libraries of one ELF file; whether it is dynamic (an
 * interpreter or a needed library). A file that is ELF but not readable as such needs nothing.
 */
export async function elfNeeds(
  path: string,
  content: Buffer,
  search: LibrarySearch,
  lookup: ImageLookup,
  needs: Needs,
  warnings: string[],
): Promise<boolean> {
  const elf = elfDynamic(content);
  if (!elf) return false;
  let dynamic = false;
  if (elf.interpreter) {
    dynamic = true;
    if (await lookup.view.stat(elf.interpreter))
      await needs.visit(elf.interpreter, `the ELF interpreter of ${path}`);
    else
      warnings.push(`${path} asks for the ELF interpreter ${elf.interpreter}, which the image does not have`);
  }
  if (elf.needed.length) dynamic = true;
  const origin = dirname(path);
  const expand = (d: string) => d.replace(/\$(ORIGIN|\{ORIGIN\})/g, origin);
  const dirs = [
    ...(elf.runpath.length ? [] : elf.rpath.map(expand)),
    ...search.envDirs,
    ...elf.runpath.map(expand),
    ...search.ldDirs,
    ...search.defaults,
  ];
  for (const lib of elf.needed) {
    let found: string | undefined;
    if (lib.includes('/')) found = (await lookup.isFile(lib)) ? lib : undefined;
    else for (const d of dirs) if (!found && (await lookup.isFile(`${d}/${lib}`))) found = `${d}/${lib}`;
    if (found) await needs.visit(found, `${path} needs ${lib} (${found})`);
    else warnings.push(`${path} needs ${lib}, which the image does not have`);
  }
  return dynamic;
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
