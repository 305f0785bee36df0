import { describe, expect, it } from 'vitest';
import { addDays, dayRange, daysOf, rangeDays } from './date-range.js';

describe('day ranges', () => {
  const now = new Date('2024-03-10T12:00:00Z');
  it('defaults to the 30 days up to today', () => {
    expect(dayRange(undefined, undefined, now)).toEqual({ from: '2024-02-10', to: '2024-03-10' });
  });
  it('crosses a leap day', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
  it('refuses --from after --to in one sentence', () => {
    expect(() => dayRange('2024-03-02', '2024-03-01', now)).toThrow(
      '--from 2024-03-02 is after --to 2024-03-01',
    );
  });
});

describe('bounded ranges', () => {
  const now = new Date('2024-03-10T12:00:00Z');
  it('refuses a day outside 1970–2100, naming the input (year 1 is not read as 1901)', () => {
    expect(() => dayRange('0001-01-01', '2024-01-01', now)).toThrow('--from: "0001-01-01" is outside');
    expect(() => dayRange('2024-01-01', '9999-12-31', now, { names: { from: 'from', to: 'to' } })).toThrow(
      'to: "9999-12-31" is outside 1970-01-01 … 2100-12-31',
    );
    expect(() => dayRange('1969-12-31', undefined, now)).toThrow('outside');
    expect(dayRange('1970-01-01', '1970-01-02', now)).toEqual({ from: '1970-01-01', to: '1970-01-02' });
  });
  it('bounds the length when asked', () => {
    expect(rangeDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
    expect(dayRange('2014-03-12', '2024-03-10', now, { maxDays: 3653 })).toEqual({
      from: '2014-03-12',
      to: '2024-03-10',
    });
    expect(() =>
      dayRange('2014-03-11', '2024-03-10', now, { maxDays: 3652, names: { from: 'from', to: 'to' } }),
    ).toThrow('from: 2014-03-11 … 2024-03-10 holds 3653 days, more than the 3652 allowed');
  });
  it('refuses a time of day instead of cutting it off: a range is whole UTC days', () => {
    expect(() => dayRange('2024-05-15T12:00:00Z', '2024-05-20', now)).toThrow(
      '--from: "2024-05-15T12:00:00Z" has a time of day; a range is made of whole UTC days, write 2024-05-15',
    );
    expect(() => dayRange('2024-05-15', '2024-05-20 08:00', now)).toThrow('--to');
    expect(dayRange('2000-05-15', 'now', now).from).toBe('2000-05-15');
  });
});
