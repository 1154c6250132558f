import { describe, expect, it } from 'vitest';
import { nextDay, romeDateTime } from './rome-time.js';

describe('romeDateTime', () => {
  it('writes the offset in force in Italy on that day', () => {
    expect(romeDateTime('2026-12-14', '09:00')).toBe('2026-12-14T09:00:00+01:00');
    expect(romeDateTime('2027-07-01', '09:00')).toBe('2027-07-01T09:00:00+02:00');
    expect(Date.parse(romeDateTime('2027-07-01', '09:00')!)).toBe(Date.parse('2027-07-01T07:00:00Z'));
  });

  it('switches on the last Sundays of March and October', () => {
    expect(romeDateTime('2027-03-28', '01:30')).toBe('2027-03-28T01:30:00+01:00');
    expect(romeDateTime('2027-03-28', '03:30')).toBe('2027-03-28T03:30:00+02:00');
    expect(romeDateTime('2027-03-28', '02:30')).toBeNull(); // the clocks skip this hour
    expect(romeDateTime('2027-10-31', '00:00')).toBe('2027-10-31T00:00:00+02:00');
    expect(romeDateTime('2027-11-01', '00:00')).toBe('2027-11-01T00:00:00+01:00');
  });

  it('knows the next day across months and years', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
