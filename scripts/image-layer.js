// The application layer of cleanroom's own image (scripts/image.js): the built CLI, console and
// schemas, the examples the demo reads, the production packages of node_modules (found from
// package-lock.json, so the dev tools of the checkout stay out), a launcher `/usr/bin/cleanroom`,
// and the folders the compose file mounts, owned by the image's account. Entries are sorted and
// normalised (root-owned, 0644 or 0755), so the same checkout gives the same bytes.
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Where the application lives in the image. */
export const APP_DIR = 'usr/lib/cleanroom';

// what a running cleanroom never reads: source maps, type declarations
const skipped = (name) => /\.(map|d\.ts|d\.mts|d\.cts)$/.test(name);

/** The package folders (`node_modules/…`) the production dependencies of `root` need. */
export function productionPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const packages = lock.packages;
  const found = new Set();
  // Node's lookup: LOCATION/node_modules/NAME, then each enclosing node_modules, then the top
  const locate = (from, name) => {
    for (let at = from; ;) {
      const candidate = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!at) return undefined;
      const cut = at.lastIndexOf('/node_modules/');
      at = cut < 0 ? '' : at.slice(0, cut);
    }
  };
  const visit = (from, deps, optional) => {
    for (const name of Object.keys(deps ?? {})) {
      const where = locate(from, name);
      if (!where) {
        if (optional.has(name)) continue; // an optional dependency not installed on this platform
        throw new Error(`package-lock.json has no ${name} for ${from || 'the project'}: run npm ci`);
      }
      if (found.has(where)) continue;
      found.add(where);
      const entry = packages[where];
      const peers = Object.keys(entry.peerDependencies ?? {}).filter(
        (n) => !entry.peerDependenciesMeta?.[n]?.optional,
      );
      visit(
        where,
        {
          ...entry.dependencies,
          ...entry.optionalDependencies,
          ...Object.fromEntries(peers.map((n) => [n, ''])),
        },
        new Set(Object.keys(entry.optionalDependencies ?? {})),
      );
    }
  };
  const top = packages[''];
  visit(
    '',
    { ...top.dependencies, ...top.optionalDependencies },
    new Set(Object.keys(top.optionalDependencies ?? {})),
  );
  return [...found].sort();
}

/**
 * Adds the files under `root/rel` (a file or a folder) to `out` as `APP_DIR/rel/…`. A link inside
 * stays a link; the top itself is followed (a package linked into node_modules is copied).
 */
function addTree(out, root, rel, keep = () => true, top = true) {
  const full = join(root, rel);
  const st = top ? statSync(full) : lstatSync(full);
  const path = posix.join(APP_DIR, rel);
  if (st.isSymbolicLink())
    out.push({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkname: readlinkSync(full) });
  else if (st.isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      // a package's own node_modules are packages of their own, added when the closure needs them
      if (name === 'node_modules' && rel.includes('node_modules/')) continue;
      if (!skipped(name) && keep(posix.join(rel, name)))
        addTree(out, root, posix.join(rel, name), keep, false);
    }
  } else if (st.isFile()) {
    const mode = st.mode & 0o111 ? 0o755 : 0o644;
    out.push({ path, type: 'file', mode, uid: 0, gid: 0, data: readFileSync(full) });
  }
}

// better-sqlite3 needs its JavaScript and the one compiled binding, not its C sources or objects
const SQLITE = 'node_modules/better-sqlite3';
const sqliteKeeps = (rel) =>
  !rel.startsWith(`${SQLITE}/`) ||
  /^node_modules\/better-sqlite3\/(package\.json|LICENSE|lib(\/.*)?|build|build\/Release|build\/Release\/better_sqlite3\.node)$/.test(
    rel,
  );

/**
 * The entries of the application layer. `binding` replaces better-sqlite3's compiled binding (one
 * built for the image's Node), `account` owns the data folders.
 */
export function applicationEntries(root, { binding, account }) {
  if (
    !existsSync(join(root, 'dist', 'cli', 'main.js')) ||
    !existsSync(join(root, 'dist', 'console', 'index.html'))
  )
    throw new Error(`${root}/dist is not built: run npm run build first`);
  const out = [];
  for (const rel of ['package.json', 'LICENSE', 'bin/cleanroom.js', 'dist', 'schemas', 'examples'])
    if (existsSync(join(root, rel))) addTree(out, root, rel);
  for (const pkg of productionPackages(root)) addTree(out, root, pkg, sqliteKeeps);
  if (binding) {
    const path = posix.join(APP_DIR, SQLITE, 'build/Release/better_sqlite3.node');
    const at = out.findIndex((e) => e.path === path);
    out.splice(at < 0 ? out.length : at, at < 0 ? 0 : 1, {
      path,
      type: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      data: binding,
    });
  }
  // `cleanroom` on PATH without /usr/bin/env (there is no coreutils): the kernel runs node on it
  const launcher = `#!/usr/bin/node\nimport('/${APP_DIR}/bin/cleanroom.js');\n`;
  out.push({
    path: 'usr/bin/cleanroom',
    type: 'file',
    mode: 0o755,
    uid: 0,
    gid: 0,
    data: Buffer.from(launcher),
  });
  // the folders deploy/compose.yaml mounts: a fresh volume takes its owner from the image
  for (const path of ['var/lib/cleanroom', 'var/lib/cleanroom/advisory', 'var/cache/cleanroom'])
    out.push({ path, type: 'directory', mode: 0o755, uid: account.uid, gid: account.gid });
  const dirs = new Set();
  for (const e of out) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const have = new Set(out.filter((e) => e.type === 'directory').map((e) => e.path));
  for (const d of dirs)
    if (!have.has(d)) out.push({ path: d, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
