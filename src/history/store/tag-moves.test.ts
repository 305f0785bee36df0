import { describe, expect, it } from 'vitest';
import { digestAt, moves } from './tag-moves.js';

describe('tag moves', () => {
  const rows = [
    { since: '2024-01-01T00:00:00.000Z', digest: 'a' },
    { since: '2024-02-01T00:00:00.000Z', digest: 'b' },
  ];
  it('finds the digest in effect at an instant, none before the first row', () => {
    expect(digestAt(rows, '2023-12-31T23:59:59.999Z')).toBeUndefined();
    expect(digestAt(rows, '2024-01-31T23:59:59.999Z')).toBe('a');
    expect(digestAt(rows, '2024-02-01T00:00:00.000Z')).toBe('b');
  });
  it('adds a row only where a point changes what the rows say', () => {
    expect(moves(rows, [{ since: '2024-01-15T00:00:00.000Z', digest: 'a' }])).toEqual([]);
    expect(moves(rows, [{ since: '2024-01-15T00:00:00.000Z', digest: 'c' }])).toEqual([
      { since: '2024-01-15T00:00:00.000Z', digest: 'c' },
    ]);
    expect(
      moves(
        [],
        [
          { since: '2024-03-01T00:00:00.000Z', digest: 'x' },
          { since: '2024-02-01T00:00:00.000Z', digest: 'x' },
        ],
      ),
    ).toEqual([{ since: '2024-02-01T00:00:00.000Z', digest: 'x' }]);
  });
  it('never rewrites a row at the same instant', () => {
    expect(moves(rows, [{ since: '2024-02-01T00:00:00.000Z', digest: 'z' }])).toEqual([]);
  });
});
