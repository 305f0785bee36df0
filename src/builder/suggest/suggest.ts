/**
 * `cleanroom suggest SOURCE`: the minimal alternative of a Debian-based image, built from its own
 * closure and proven side by side, in four steps: the analysis of the original
 * (analyse-original.ts), the build of `cleanroom.yaml` and the application layer
 * (build-suggestion.ts), the optional check in the result (check.ts), and the proof: both images
 * and the reachable known counterparts scanned with one advisory DB (proof.ts,
 * compare-counterparts.ts).
 */
import { resolve } from 'node:path';
import { analyseOriginal } from './analyse-original.js';
import { buildSuggestion } from './build-suggestion.js';
import { runCheck, type CheckResult } from './check.js';
import { compareCounterparts, counterpartList } from './compare-counterparts.js';
import { counterpartsFor } from './counterparts.js';
import { prove } from './proof.js';
import { ProofScanner } from './proof-scanner.js';
import { explainSuggested, leftOutPackages, suggestedPackages } from './suggestion-packages.js';
import type { SuggestOptions, Suggestion } from './suggestion-types.js';

export type { SuggestedPackage, SuggestOptions, Suggestion } from './suggestion-types.js';

/** Suggests, builds, checks and proves the minimal alternative of an image. */
export async function suggest(source: string, options: SuggestOptions): Promise<Suggestion> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - started) / 1000;
    started = now;
    options.onStep?.(name);
  };
  const original = await analyseOriginal(source, options, step);
  const { analysis, inventory } = original;

  const { files, closure } = await buildSuggestion(source, original, resolve(options.output), options);
  step('build');

  let check: CheckResult | undefined;
  if (options.check) {
    check = await runCheck(files.image, options.check, analysis);
    step('check');
  }
  const notes = [...analysis.notes];
  if (!options.check)
    notes.push(
      'dynamic loading was not analysed (a library dlopen()ed by a name computed at run time, plugins): run with --check CMD to prove the image runs',
    );

  const scanner = await ProofScanner.open(options.db);
  try {
    const proof = await prove({
      originalInventory: inventory,
      suggested: files.image,
      originalSize: original.sizeBytes,
      scanner,
    });
    step('scans');
    const listed = counterpartList(await counterpartsFor(source), options.counterparts);
    const counterparts = await compareCounterparts(listed, scanner, Boolean(proof.original.lastYear), {
      platform: options.platform,
      plainHttp: options.plainHttp,
      timeoutMs: options.counterpartTimeoutMs,
    });
    if (listed.length) step('counterparts');
    const packages = suggestedPackages(closure, analysis);
    return {
      schemaVersion: '1',
      source,
      suite: original.suite,
      architecture: original.arch,
      command: analysis.argv,
      user: analysis.user,
      packages,
      leftOut: leftOutPackages(inventory, packages),
      application: { files: analysis.appFiles.length, bytes: original.layer.bytes },
      isStatic: analysis.isStatic,
      files,
      check,
      explain: options.explain
        ? explainSuggested(options.explain, source, closure, analysis, packages)
        : undefined,
      proof,
      counterparts,
      notes,
      warnings: analysis.warnings,
      timings,
    };
  } finally {
    if (typeof scanner !== 'string') await scanner.close();
  }
}
