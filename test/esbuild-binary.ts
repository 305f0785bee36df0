import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * esbuild's Go binary, a real Go program the tests read: hoisted in node_modules, or nested under
 * tsx (Vite 8 no longer brings esbuild to the top level).
 */
export function esbuildBinary(): string {
  const rel = `@esbuild/${process.platform}-${process.arch}/bin/esbuild`;
  const found = [`node_modules/${rel}`, `node_modules/tsx/node_modules/${rel}`].map((p) => resolve(p));
  return found.find((p) => existsSync(p)) ?? found[0]!;
}
