/** The Comparison tab: the tag against itself pinned at a date, or against another image (Compare's body). */
import { useState } from 'react';
import { presetFrom, refsOf, type CompareResult, type ImageList, type TagSummary } from '../../api';
import { comparePath } from '../../compare-path';
import { Status } from '../../components';
import { useApi } from '../../use-api';
import { CompareBody } from '../compare';

export function Comparison({ refText, me }: { refText: string; me: TagSummary }) {
  const list = useApi<ImageList>('/api/images?limit=500');
  const to = me.latest?.day;
  const from = to ? presetFrom(to, '1y') : '';
  const [mode, setMode] = useState<'pinned' | 'other'>('pinned');
  const [pinAt, setPinAt] = useState(from);
  const [other, setOther] = useState('');
  const others = list.state === 'ready' ? refsOf(list.data).filter((r) => r.ref !== refText) : [];
  const against = mode === 'pinned' ? `${refText}@${pinAt}` : other || others[0]?.ref;
  const cmp = useApi<CompareResult>(to && against ? comparePath(`${refText},${against}`, from, to) : null);
  if (!to) return <p className="status">No point yet.</p>;
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
              onChange={() => setMode('pinned')}
            />
            itself, never rebuilt after
          </label>
          <label className="check">
            <input type="radio" name="against" checked={mode === 'other'} onChange={() => setMode('other')} />
            another image
          </label>
        </fieldset>
        {mode === 'pinned' ? (
          <label>
            Pinned at
            <input
              type="date"
              value={pinAt}
              max={to}
              onChange={(e) => e.target.value && setPinAt(e.target.value)}
              data-testid="pin-at"
            />
          </label>
        ) : (
          <label>
            Image
            <select value={against} onChange={(e) => setOther(e.target.value)} data-testid="compare-other">
              {others.map((r) => (
                <option key={r.ref}>{r.ref}</option>
              ))}
            </select>
          </label>
        )}
        <span className="kind">
          {from} → {to}
        </span>
      </div>
      <Status loaded={cmp}>{(data) => <CompareBody data={data} negligible={false} />}</Status>
    </>
  );
}
