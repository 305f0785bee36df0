#!/usr/bin/env node
// The CLI entry: runs the compiled TypeScript from dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
