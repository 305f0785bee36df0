/** The counting rules (docs/counting.md), switchable in place: each switch re-reads the API. */
import type { Rules } from '../api';

export function RulesBar({
  rules,
  onChange,
  disabled,
}: {
  rules: Rules;
  onChange(r: Rules): void;
  /** why the rules cannot be switched here, if they cannot */
  disabled?: string;
}) {
  const toggle = (label: string, pressed: boolean, next: Rules) => (
    <button type="button" aria-pressed={pressed} disabled={Boolean(disabled)} onClick={() => onChange(next)}>
      {label}
    </button>
  );
  return (
    <div className="panel controls" role="group" aria-label="Counting rules" data-testid="rules">
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
      {disabled && <span className="kind">{disabled}</span>}
    </div>
  );
}
