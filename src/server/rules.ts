/**
 * The counting rules (docs/counting.md) as query parameters, and counting stored compact findings
 * under them: the store keeps counts under the default rules in columns, and the findings beside
 * them, so any other rule is a recount of the findings, never a rescan.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import type { ServerContext } from './context.js';

const FIX_STATES = ['fixed', 'not-fixed', 'wont-fix', 'not-affected'] as const;
const flag = (what: string) =>
  z
    .enum(['true', 'false'])
    .optional()
    .describe(what)
    .transform((v) => v === 'true');

/** The rule parameters every counting route takes; absent ones keep the defaults. */
export const rulesQuery = {
  countBy: z
    .enum(['vulnerability', 'package'])
    .optional()
    .describe('count unit: one per vulnerability (default) or per (vulnerability, package)'),
  includeNegligible: flag('count negligible findings in the total'),
  ignoreStates: z
    .string()
    .regex(
      new RegExp(`^((${FIX_STATES.join('|')})(,|$))*$`),
      'a comma-separated list of fixed, not-fixed, wont-fix',
    )
    .optional()
    .describe('fix states left out, comma-separated (fixed, not-fixed, wont-fix)'),
  onlyFixed: flag('count only findings with a fix'),
  cveOnly: flag('count only vulnerabilities with a CVE id'),
};

/** The lens of every counting route (docs/counting.md "Lenses"). */
export const lensQuery = {
  lens: z
    .enum(['then', 'now'])
    .default('then')
    .describe("then (default): each day against the advisories as known that day; now: against today's"),
};

/**
 * The "after VEX" rule of the series routes (history, accumulation, compare): the server's VEX
 * statements (`serve --vex FILE`) applied from their timestamps on. It replays with the
 * statements, so its answers are kept as replays are (with the DB file's identity, cache.ts).
 */
export const vexQuery = {
  afterVex: flag("count after the server's VEX statements (cleanroom serve --vex FILE; see /api/meta)"),
};

/** The statements `afterVex=true` applies, or undefined without it; a server without VEX documents refuses it. */
export function vexOf(
  ctx: ServerContext,
  q: { afterVex: boolean },
): readonly VexDocumentStatement[] | undefined {
  if (!q.afterVex) return undefined;
  if (ctx.vex.documents === 0)
    throw new InputError(
      'afterVex: this server has no VEX documents; start it with cleanroom serve --vex FILE',
    );
  return ctx.vex.statements;
}

/** The rules the parsed parameters ask for. */
export function rulesOf(q: {
  countBy?: 'vulnerability' | 'package';
  includeNegligible: boolean;
  ignoreStates?: string;
  onlyFixed: boolean;
  cveOnly: boolean;
}): CountingRules {
  return {
    countBy: q.countBy ?? DEFAULT_RULES.countBy,
    includeNegligible: q.includeNegligible,
    ignoreStates: (q.ignoreStates ?? '').split(',').filter(Boolean) as CountingRules['ignoreStates'],
    onlyFixed: q.onlyFixed,
    cveOnly: q.cveOnly,
  };
}

export { isDefaultRules } from '../history/series.js';
export { countUnder, passesCompact } from '../history/compact.js';
