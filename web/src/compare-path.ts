/**
 * What a comparison asks the API (`/api/compare`), from the page's URL: shared by the Compare view
 * and by the first script, which asks it before the view's code has even loaded (early.ts).
 */
import { DEFAULT_RULES, rulesQuery } from './api';
import type { ConsoleRules } from './views/rules-bar';

/** The API path of a comparison. */
export const comparePath = (
  images: string,
  from: string,
  to: string,
  rules: ConsoleRules = DEFAULT_RULES,
) => {
  const rq = [rulesQuery(rules), rules.afterVex ? 'afterVex=true' : ''].filter(Boolean).join('&');
  return `/api/compare?images=${encodeURIComponent(images)}&from=${from}&to=${to}&replay=true${rq ? `&${rq}` : ''}`;
};

export const rulesOf = (q: URLSearchParams): ConsoleRules => ({
  countBy: q.get('countBy') === 'package' ? 'package' : 'vulnerability',
  includeNegligible: q.get('includeNegligible') === 'true',
  wontFix: q.get('ignoreStates') !== 'wont-fix',
  afterVex: q.get('afterVex') === 'true',
  lens: q.get('lens') === 'now' ? 'now' : 'then',
});
