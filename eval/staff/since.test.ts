import { describe, expect, it } from 'vitest';
import { isOrientaError } from '../../domain/errors.js';
import { parseSince, romeLabel } from './since.js';

const NOW = new Date('2026-11-25T10:00:00+01:00');

describe('--since', () => {
  it('reads durations back from the clock, dates as midnight in Mantova, and date-times with their offset', () => {
    expect(parseSince('7d', NOW).toISOString()).toBe('2026-11-18T09:00:00.000Z');
    expect(parseSince('12h', NOW).toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(parseSince('2w', NOW).toISOString()).toBe('2026-11-11T09:00:00.000Z');
    expect(parseSince('2026-11-01', NOW).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(parseSince('2026-07-01', NOW).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(parseSince('2026-11-01T09:00:00+01:00', NOW).toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(romeLabel(parseSince('7d', NOW))).toBe('2026-11-18 10:00');
  });

  it('refuses what is not a date or a duration, naming both forms', () => {
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '7', '7 days', '2026-11-01 09:00', '']) {
      let error: unknown;
      try {
        parseSince(bad, NOW);
      } catch (e) {
        error = e;
      }
      expect(isOrientaError(error, 'INPUT_INVALID'), bad).toBe(true);
      expect((error as Error).message).toMatch(/2026-11-01.*7d/);
    }
  });
});
