/**
 * A unicode sparkline of daily totals: one block per column, a space for a day without data (a
 * gap is not a zero, so it is not drawn as the lowest block). Long ranges are folded into at most
 * `width` columns, each showing the highest total of its days.
 */
const BLOCKS = '▁▂▃▄▅▆▇█';

/** The sparkline of values (null = no data) scaled from 0 to the highest value. */
export function sparkline(values: readonly (number | null)[], width = 60): string {
  const columns: (number | null)[] = [];
  const per = Math.max(1, Math.ceil(values.length / width));
  for (let i = 0; i < values.length; i += per) {
    const slice = values.slice(i, i + per).filter((v): v is number => v !== null);
    columns.push(slice.length ? Math.max(...slice) : null);
  }
  const max = Math.max(0, ...columns.filter((v): v is number => v !== null));
  return columns
    .map((v) => (v === null ? ' ' : BLOCKS[max === 0 ? 0 : Math.round((v / max) * (BLOCKS.length - 1))]))
    .join('');
}
