// Prints the console's JavaScript, raw and gzipped, after `vite build` (budget: 400 KB gzipped in total).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/console/assets/', import.meta.url).pathname;
let raw = 0;
let gz = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
  const bytes = readFileSync(join(dir, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`console JS: ${kb(raw)} KB, ${kb(gz)} KB gzipped (budget 400 KB)`);
if (gz > 400 * 1024) process.exitCode = 1;
