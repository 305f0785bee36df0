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
  it('gives a point recorded out of order its row, and the later observation of the old digest its row back', () => {
    const existing = [{ since: '2024-05-14T00:00:00.000Z', digest: 'a' }];
    const observed = [
      { since: '2024-05-14T00:00:00.000Z', digest: 'a' },
      { since: '2024-05-20T00:00:00.000Z', digest: 'a' },
    ];
    const added = moves(existing, [{ since: '2024-05-17T00:00:00.000Z', digest: 'b' }], observed);
    expect(added).toEqual([
      { since: '2024-05-17T00:00:00.000Z', digest: 'b' },
      { since: '2024-05-20T00:00:00.000Z', digest: 'a' },
    ]);
    const all = [...existing, ...added];
    expect(digestAt(all, '2024-05-18T23:59:59.999Z')).toBe('b');
    expect(digestAt(all, '2024-05-20T23:59:59.999Z')).toBe('a');
  });
  it('keeps a rollback within one day: the tag points to the digest of its last word that day', () => {
    const day = (h: string) => `2024-05-14T${h}:00:00.000Z`;
    const first = moves(
      [],
      [
        { since: day('01'), digest: 'a' },
        { since: day('05'), digest: 'b' },
      ],
    );
    const rollback = moves(first, [{ since: day('10'), digest: 'a' }], [{ since: day('01'), digest: 'a' }]);
    expect(digestAt([...first, ...rollback], '2024-05-14T23:59:59.999Z')).toBe('a');
  });
});
