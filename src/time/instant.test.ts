import { describe, expect, it } from 'vitest';
import { endOfDay, parseFeedTime, parseUserTime } from './instant.js';

describe('parseFeedTime', () => {
  it('reads a timestamp without a zone as UTC, whatever the host zone', () => {
    expect(parseFeedTime('2024-01-10T12:34:56')).toBe('2024-01-10T12:34:56.000Z');
    expect(parseFeedTime('2024-01-10 12:34')).toBe('2024-01-10T12:34:00.000Z');
    expect(parseFeedTime('2024-01-10T12:34:56.5')).toBe('2024-01-10T12:34:56.500Z');
  });
  it('applies an explicit offset', () => {
    expect(parseFeedTime('2024-03-01T01:00:00+02:00')).toBe('2024-02-29T23:00:00.000Z');
    expect(parseFeedTime('2024-03-01T01:00:00-0130')).toBe('2024-03-01T02:30:00.000Z');
    expect(parseFeedTime('2024-03-01T01:00:00Z')).toBe('2024-03-01T01:00:00.000Z');
  });
  it('reads a bare date as the start of that UTC day', () => {
    expect(parseFeedTime('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });
  it('reads RFC 2822 and day-month-year forms as UTC unless they name a zone', () => {
    expect(parseFeedTime('Tue, 10 Jan 2024 08:00:00 GMT')).toBe('2024-01-10T08:00:00.000Z');
    expect(parseFeedTime('10 Jan 2024')).toBe('2024-01-10T00:00:00.000Z');
  });
  it('refuses what is not a time, and days that do not exist', () => {
    for (const bad of ['', 'yesterday-ish', '2024-02-30', '2024-13-01', '12345', undefined])
      expect(parseFeedTime(bad)).toBeUndefined();
  });
});

describe('parseUserTime', () => {
  it('reads a bare date as the end of that UTC day', () => {
    expect(parseUserTime('2024-02-28', '--as-of')).toBe('2024-02-28T23:59:59.999Z');
    expect(endOfDay('2024-02-28T05:00:00.000Z')).toBe('2024-02-28T23:59:59.999Z');
  });
  it('keeps an explicit instant as an instant', () => {
    expect(parseUserTime('2024-03-01T01:00:00+02:00', '--as-of')).toBe('2024-02-29T23:00:00.000Z');
  });
  it('reads now', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(parseUserTime('now', '--at', now)).toBe('2025-01-01T00:00:00.000Z');
  });
  it('names the option and the value when it is not a date', () => {
    expect(() => parseUserTime('2024-02-30', '--as-of')).toThrow('--as-of: "2024-02-30" is not a date');
    expect(() => parseUserTime('soon', '--from')).toThrow(/--from: "soon"/);
  });
});
