/**
 * What the program of an image needs, derived from the image itself, step by step: the files no
 * package owns (application-files.ts), the program its entrypoint runs (entrypoint-needs.ts), then
 * for every file needed and owned by no package, its ELF closure (elf-closure.ts), the interpreter
 * of its `#!` line (shebangs.ts) and the Python modules it imports (python-modules.ts); then the
 * data packages a runtime loads by name (data-packages.ts) and the account to run as
 * (suggested-user.ts). Each need is mapped to the package that owns the file; the Depends closure
 * of those packages is the resolver's work (resolve.ts), not this file's.
 */
import type { AnalyseInput, Analysis } from './analysis-types.js';
import { applicationFiles } from './application-files.js';
import { dataPackages } from './data-packages.js';
import { isElf } from './elf-dynamic.js';
import { elfNeeds, librarySearch } from './elf-closure.js';
import { entrypointNeeds } from './entrypoint-needs.js';
import { envRecord, imageLookup } from './image-lookup.js';
import { Needs } from './needs.js';
import { isPythonSource, pythonNeeds, pythonPath } from './python-modules.js';
import { leftOutShellNote, shebangNeeds } from './shebangs.js';
import { passwdOf, suggestedUser } from './suggested-user.js';

/** Analyses an image: what its program needs. */
export async function analyse(input: AnalyseInput): Promise<Analysis> {
  const { view, owners, config, installed, triplet } = input;
  const env = envRecord(config.env);
  const argv = [...(config.entrypoint ?? []), ...(config.cmd ?? [])];
  const notes: string[] = [];
  const warnings: string[] = [];
  const lookup = imageLookup(view, owners, env);
  const needs = new Needs(lookup);

  const appFiles = await applicationFiles(lookup);
  const appPaths = new Set(appFiles.map((f) => f.path));
  await entrypointNeeds(argv, lookup, needs, notes, warnings);
  for (const f of appFiles)
    if (f.type === 'file') await needs.visit(f.path, `${f.path} is part of the application`);

  const search = await librarySearch(view, env, triplet);
  const pythonDirs = await pythonPath(view);
  let dynamic = false;
  const shellScripts: string[] = [];
  for (let next = needs.next(); next; next = needs.next()) {
    const { path, named } = next;
    let content: Buffer;
    try {
      content = await view.readFile(path);
    } catch {
      continue; // a file whose bytes were not kept: owned, or not the application's
    }
    if (isElf(content)) {
      if (await elfNeeds(path, content, search, lookup, needs, warnings)) dynamic = true;
      continue;
    }
    const head = content.subarray(0, 4096).toString('latin1');
    if (await shebangNeeds(path, head, named, lookup, needs, shellScripts, warnings)) dynamic = true;
    if (isPythonSource(path, head)) {
      dynamic = true;
      await pythonNeeds(path, content, pythonDirs, appPaths, lookup, needs);
    }
  }

  const shellNote = leftOutShellNote(shellScripts);
  if (shellNote) notes.push(shellNote);
  const hasProgramFiles = appFiles.some((f) => f.type === 'file');
  const data = dataPackages(installed, dynamic, hasProgramFiles, needs, notes);
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
    packages: needs.packages,
    appFiles,
    ...data,
    notes,
    warnings,
  };
}
