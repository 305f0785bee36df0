#!/usr/bin/env node
// The CLI entry: runs the compiled TypeScript from dist/ (built by `npm ci` through `prepare`).
// `--version` alone is answered from package.json before anything else loads (commander and the
// command registry are most of the start-up of a run that does nothing else).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
