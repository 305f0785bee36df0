/**
 * Windowed rows: which of `total` rows of one height are on the screen (plus `overscan` either
 * side), for a list that scrolls with the page. Only those are rendered; spacers stand for the
 * rest, so 1,200 rows cost what 40 do. The row height is measured from a rendered row (a table
 * row on a wide screen, a card on a phone: each the same height, its text on one line).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface RowWindow {
  start: number;
  end: number;
  rowHeight: number;
}

export function useWindow(
  body: RefObject<HTMLElement | null>,
  total: number,
  { initial = 30, overscan = 10, guess = 49 } = {},
): RowWindow {
  const [win, setWin] = useState<RowWindow>({ start: 0, end: Math.min(total, initial), rowHeight: guess });
  const frame = useRef(0);
  const update = useCallback(() => {
    const el = body.current;
    if (!el) return;
    const row = el.querySelector<HTMLElement>('tr[data-ref]');
    const measured = row?.getBoundingClientRect().height;
    setWin((w) => {
      const rowHeight = measured && measured > 0 ? measured : w.rowHeight;
      const top = el.getBoundingClientRect().top; // of the first row, the top spacer included
      const first = Math.max(0, Math.floor(-top / rowHeight));
      const shown = Math.ceil(window.innerHeight / rowHeight);
      const start = Math.min(Math.max(0, first - overscan), Math.max(0, total - 1));
      const end = Math.min(total, first + shown + overscan);
      return w.start === start && w.end === end && Math.abs(w.rowHeight - rowHeight) < 0.5
        ? w
        : { start, end, rowHeight };
    });
  }, [body, total, overscan]);
  // at most once a frame, however fast the page scrolls
  const schedule = useCallback(() => {
    if (!frame.current)
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        update();
      });
  }, [update]);
  useEffect(() => {
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [schedule]);
  // after every render: the rows may have changed height (a phone turned) or the total changed
  useLayoutEffect(update);
  return win;
}
