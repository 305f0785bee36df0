/**
 * The two lenses every number of a series is seen through (docs/counting.md "Lenses"). *As known
 * then* (the default): the image the tag pointed to on day D against the advisories as known on D,
 * what a scanner said that day. *As known now*: the same image against today's advisories, the
 * exposure in hindsight (constant for an image nobody rebuilt).
 */
import { InputError } from '../errors.js';

export type Lens = 'then' | 'now';
export const LENSES: readonly Lens[] = ['then', 'now'];
export const DEFAULT_LENS: Lens = 'then';

/** What each lens means, in the words the CLI, the API and the console show next to a number. */
export const LENS_WORDS: Record<Lens, string> = {
  then: 'as known then: each day against the advisories as known that day',
  now: "as known now: each day's image against today's advisories",
};

/** Reads `--lens` / `lens=`: `then` or `now`; anything else is an input error naming the option. */
export function parseLens(text: string | undefined, option = '--lens'): Lens {
  if (text === undefined || text === '') return DEFAULT_LENS;
  const value = text.trim().toLowerCase();
  if (value === 'then' || value === 'now') return value;
  throw new InputError(
    `${option} ${text}: a lens is "then" (as known then, the default) or "now" (as known now)`,
  );
}
