/** A select of every tracked NAME:TAG. */
import type { ImageList } from '../api';
import { useApi } from '../use-api';

export function TagPicker({
  value,
  onChange,
  label = 'Image',
}: {
  value: string;
  onChange(v: string): void;
  label?: string;
}) {
  const list = useApi<ImageList>('/api/images?limit=500');
  const refs =
    list.state === 'ready'
      ? list.data.images.flatMap((i) => i.tags.map((t) => `${i.name}:${t.tag}`))
      : [value];
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {[...new Set([value, ...refs])].map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}
