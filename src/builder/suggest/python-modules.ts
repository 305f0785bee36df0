/**
 * The Python step: the top-level modules a `.py` file (or a `#!…python` script) imports, found in
 * the image's module folders (its own folder, Debian's and /usr/local's CPython folders) and
 * mapped to the package that owns them (`import requests` → python3-requests).
 */
import { dirname } from 'node:path';
import type { FileView } from '../../image/file-view.js';
import type { ImageLookup } from './image-lookup.js';
import type { Needs } from './needs.js';

const PYTHON_IMPORT = /^[ \t]*(?:from[ \t]+([A-Za-z_][\w]*)[\w.]*[ \t]+import\b|import[ \t]+([^#\n;]+))/gm;

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

/** Whether a file is Python source by its name or its `#!` line. */
export const isPythonSource = (path: string, head: string) =>
  path.endsWith('.py') || /^#!.*python/.test(head);

/**
 * Declares the package of every module the file imports that a package owns; modules of the
 * application itself (`appPaths`) are analysed as application files already.
 */
export async function pythonNeeds(
  path: string,
  content: Buffer,
  pythonDirs: readonly string[],
  appPaths: ReadonlySet<string>,
  lookup: ImageLookup,
  needs: Needs,
): Promise<void> {
  for (const module of pythonImports(content.toString('utf8'))) {
    const found = await findModule(lookup.view, [dirname(path), ...pythonDirs], module);
    if (found && !appPaths.has(found)) {
      const owner = await lookup.ownerOf(found);
      if (owner) needs.need(owner, `${path} imports ${module} (${found})`);
    }
  }
}

/** The folders a CPython of the image searches for modules, Debian's and /usr/local's. */
export async function pythonPath(view: FileView): Promise<string[]> {
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
