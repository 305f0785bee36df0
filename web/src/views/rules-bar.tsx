/** The counting rules (docs/counting.md), switchable in place: each switch re-reads the API. */
import type { Rules } from '../api';

/** The rules of the console: the API's, and "after VEX" (the server's VEX statements, `afterVex=true`). */
export type ConsoleRules = Rules & { afterVex?: boolean };

/** What `/api/meta` says (declared here: the shared API types are another view's). */
export interface ServerMeta {
  version: string;
  db: boolean;
  vex: { documents: number; statements: number };
}

/** Why "after VEX" cannot be switched on, or undefined when it can. */
export function vexUnavailable(meta: ServerMeta | null): string | undefined {
  if (!meta) return 'Reading what the server offers…';
  if (meta.vex.statements === 0)
    return meta.vex.documents === 0
      ? 'The server has no VEX documents: start it with cleanroom serve --vex FILE.'
      : "The server's VEX documents have no statements.";
  return undefined;
}

export function RulesBar({
  rules,
  onChange,
  disabled,
  vex,
}: {
  rules: ConsoleRules;
  onChange(r: ConsoleRules): void;
  /** why the rules cannot be switched here, if they cannot ("after VEX" apart) */
  disabled?: string;
  /** "after VEX": the server's statement count, or why it cannot be switched on; absent: not offered */
  vex?: { statements: number } | { unavailable: string };
}) {
  const toggle = (label: string, pressed: boolean, next: ConsoleRules) => (
    <button type="button" aria-pressed={pressed} disabled={Boolean(disabled)} onClick={() => onChange(next)}>
      {label}
    </button>
  );
  const vexOff = vex && 'unavailable' in vex ? vex.unavailable : undefined;
  return (
    <div className="panel controls" role="group" aria-label="Counting rules" data-testid="rules">
      <span className="controls-title">Lens</span>
      <div className="seg" role="group" aria-label="Lens" data-testid="lens">
        <button
          type="button"
          aria-pressed={rules.lens === 'then'}
          disabled={Boolean(disabled)}
          title="Each day's image against the advisories as known that day: what a scanner said then"
          onClick={() => onChange({ ...rules, lens: 'then' })}
        >
          as known then
        </button>
        <button
          type="button"
          aria-pressed={rules.lens === 'now'}
          disabled={Boolean(disabled)}
          title="Each day's image against today's advisories: the exposure in hindsight"
          onClick={() => onChange({ ...rules, lens: 'now' })}
        >
          as known now
        </button>
      </div>
      <span className="controls-title">Counting rules</span>
      <div className="seg" role="group" aria-label="Count unit">
        {toggle('per vulnerability', rules.countBy === 'vulnerability', {
          ...rules,
          countBy: 'vulnerability',
        })}
        {toggle('per package', rules.countBy === 'package', { ...rules, countBy: 'package' })}
      </div>
      {toggle('negligible counted', rules.includeNegligible, {
        ...rules,
        includeNegligible: !rules.includeNegligible,
      })}
      {toggle('wont-fix counted', rules.wontFix, { ...rules, wontFix: !rules.wontFix })}
      {vex && (
        // enabled even beside a pinned image: a pinned image is replayed with the statements
        <button
          type="button"
          aria-pressed={Boolean(rules.afterVex)}
          // a disabled button still shows why; an enabled one says what it applies
          disabled={Boolean(vexOff) && !rules.afterVex}
          title={
            vexOff ??
            ('statements' in vex
              ? `Leave out what the server's ${vex.statements} VEX statements say is not_affected or fixed, from each statement's date on`
              : undefined)
          }
          onClick={() => onChange({ ...rules, afterVex: !rules.afterVex })}
          data-testid="after-vex"
        >
          after VEX
        </button>
      )}
      {disabled && <span className="kind">{disabled}</span>}
    </div>
  );
}
