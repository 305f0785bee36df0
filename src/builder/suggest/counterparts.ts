/**
 * Known counterparts (examples/suggest/counterparts.yaml, overridden per image by
 * `$XDG_CONFIG_HOME/cleanroom/counterparts.yaml`): public minimal images for common official ones,
 * listed beside a suggestion as further candidates.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputError } from '../../errors.js';

const catalogueSchema = z.strictObject({
  counterparts: z.array(
    z.strictObject({
      image: z.string().min(1),
      candidates: z.array(z.strictObject({ ref: z.string().min(1), kind: z.string().min(1) })).min(1),
    }),
  ),
});

/** One candidate of the catalogue. */
export interface Counterpart {
  ref: string;
  kind: string;
}

/** The catalogue shipped with cleanroom. */
export const CATALOGUE = fileURLToPath(
  new URL('../../../examples/suggest/counterparts.yaml', import.meta.url),
);

/** The user's overrides. */
export const userCatalogue = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'cleanroom', 'counterparts.yaml');

async function readCatalogue(path: string, optional: boolean): Promise<Map<string, Counterpart[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new InputError(`cannot read the counterparts catalogue ${path}: ${(err as Error).message}`);
  }
  const parsed = catalogueSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${path}: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  return new Map(parsed.data.counterparts.map((c) => [c.image, c.candidates]));
}

/** The repository of a reference as the catalogue names it: `docker.io/library/python:3.12` → `python`. */
export function repositoryOf(reference: string): string {
  const noDigest = reference.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const name = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
  return name
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}

/** The candidates for an image reference (none for an archive or folder). */
export async function counterpartsFor(reference: string, env = process.env): Promise<Counterpart[]> {
  const [shipped, user] = await Promise.all([
    readCatalogue(CATALOGUE, false),
    readCatalogue(userCatalogue(env), true),
  ]);
  const name = repositoryOf(reference);
  return user.get(name) ?? shipped.get(name) ?? [];
}
