/**
 * The Comparison tab: the tag against itself pinned at a date, or against another image (Compare's
 * body). Its choices live in the URL (`pin=DATE` or `other=NAME:TAG`), so a copied link opens the
 * same comparison. A tag known only from an imported result cannot be pinned (nothing to replay):
 * it is compared with another image, saying why. The range starts a year before the last point, or at the tag's first data when
 * the tag is younger: a pin before its first digest would name nothing.
 */
import { presetFrom, refsOf, type CompareResult, type ImageList } from '../../api';
import { comparePath } from '../../compare-path';
import { Status } from '../../components';
import { navigateWith, useLocation } from '../../router';
import { useApi } from '../../use-api';
import { CompareBody } from '../compare';
import type { Tags } from './types';

export function Comparison({ refText, me }: { refText: string; me: Tags['tags'][number] }) {
  const url = useLocation();
  const q = url.searchParams;
  const list = useApi<ImageList>('/api/images?limit=500');
  const to = me.latest?.day;
  const first = me.firstSeen.slice(0, 10);
  const from = to ? [presetFrom(to, '1y'), first].sort().at(-1)! : '';
  const other = q.get('other');
  const mode = other !== null ? 'other' : 'pinned';
  const pinAt = q.get('pin') ?? from;
  const set = (changes: Record<string, string | null>) => navigateWith(url.pathname, q, changes, true);
  const others = list.state === 'ready' ? refsOf(list.data).filter((r) => r.ref !== refText) : [];
  const against = mode === 'pinned' ? `${refText}@${pinAt}` : other || others[0]?.ref;
  const cmp = useApi<CompareResult>(to && against ? comparePath(`${refText},${against}`, from, to) : null);
  // a tag known only from an imported result has no inventory to replay as never rebuilt: alone
  const noInventory = mode === 'pinned' && cmp.state === 'error' && /no stored inventory/.test(cmp.error);
  const fallback = others[0]?.ref;
  const alone = useApi<CompareResult>(
    noInventory && to && fallback ? comparePath(`${refText},${fallback}`, from, to) : null,
  );
  if (!to) return <p className="status">No point yet: this tag has no observation to compare.</p>;
  return (
    <>
      <div className="panel controls">
        <fieldset className="seg-field">
          <legend>Compare this tag with</legend>
          <label className="check">
            <input
              type="radio"
              name="against"
              checked={mode === 'pinned'}
              onChange={() => set({ other: null })}
            />
            itself, never rebuilt after
          </label>
          <label className="check">
            <input
              type="radio"
              name="against"
              checked={mode === 'other'}
              onChange={() => set({ other: others[0]?.ref ?? '', pin: null })}
            />
            another image
          </label>
        </fieldset>
        {mode === 'pinned' ? (
          <label>
            Pinned at
            <input
              type="date"
              value={pinAt}
              min={first}
              max={to}
              onChange={(e) => e.target.value && set({ pin: e.target.value })}
              data-testid="pin-at"
            />
          </label>
        ) : (
          <label>
            Image
            <select
              value={against}
              onChange={(e) => set({ other: e.target.value })}
              data-testid="compare-other"
            >
              {others.map((r) => (
                <option key={r.ref}>{r.ref}</option>
              ))}
            </select>
          </label>
        )}
        <span className="kind">
          {from} → {to}
          {from === first && from !== presetFrom(to, '1y') && ' (from the first day with data)'}
        </span>
      </div>
      {noInventory ? (
        <>
          <p className="status" data-testid="comparison-alone">
            This tag is known only from an imported scanner result: there is no inventory to replay as never
            rebuilt, so it is compared with {fallback ?? 'another image'} instead (choose another above).
          </p>
          <Status loaded={alone}>{(data) => <CompareBody data={data} negligible={false} />}</Status>
        </>
      ) : (
        <Status loaded={cmp}>{(data) => <CompareBody data={data} negligible={false} />}</Status>
      )}
    </>
  );
}
