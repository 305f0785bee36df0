import { describe, expect, it } from 'vitest';
import { wolfiTimeline } from './fix-state.js';

const detection = { timestamp: '2024-01-10T00:00:00Z', type: 'detection' };
const fixed = { timestamp: '2024-02-29T12:00:00Z', type: 'fixed', data: { 'fixed-version': '1.3.1-r0' } };

describe('wolfiTimeline', () => {
  it('dates each state by the event that started it and the one that ended it', () => {
    const later = { timestamp: '2024-03-05T00:00:00Z', type: 'false-positive-determination' };
    expect(wolfiTimeline([detection, fixed, later])).toEqual({
      states: [
        { from: '2024-01-10T00:00:00.000Z', to: '2024-02-29T12:00:00.000Z', fixState: 'not-fixed' },
        {
          from: '2024-02-29T12:00:00.000Z',
          to: '2024-03-05T00:00:00.000Z',
          fixState: 'fixed',
          fixedVersion: '1.3.1-r0',
          fixedAt: '2024-02-29T12:00:00.000Z',
        },
        { from: '2024-03-05T00:00:00.000Z', fixState: 'not-affected' },
      ],
      published: '2024-01-10T00:00:00.000Z',
      modified: '2024-03-05T00:00:00.000Z',
    });
  });

  it('orders events by time, not by their place in the file, and merges repeated states', () => {
    const planned = { timestamp: '2024-01-12T00:00:00Z', type: 'fix-not-planned' };
    const again = { timestamp: '2024-01-11T00:00:00Z', type: 'true-positive-determination' };
    const states = wolfiTimeline([fixed, planned, again, detection]).states;
    expect(states.map((s) => [s.from.slice(0, 10), s.fixState])).toEqual([
      ['2024-01-10', 'not-fixed'],
      ['2024-01-12', 'wont-fix'],
      ['2024-02-29', 'fixed'],
    ]);
    expect(wolfiTimeline([{ ...detection, type: 'analysis-not-planned' }]).states[0]?.fixState).toBe(
      'not-fixed',
    );
  });

  it('reads a timestamp without a zone as UTC', () => {
    expect(wolfiTimeline([{ timestamp: '2024-01-10T05:00:00', type: 'detection' }]).published).toBe(
      '2024-01-10T05:00:00.000Z',
    );
  });
});
