import { describe, expect, it } from 'vitest';
import { TEST_SLOTS } from '../../test/support/booking-fixtures.js';
import { describeRefusal } from './refusal-text.js';

describe('what staff read when a booking is refused', () => {
  it('names the limit that refused it and what to do', () => {
    expect(describeRefusal({ ok: false, reason: 'GROUP_NOT_ALLOWED', slot: TEST_SLOTS.race })).toBe('slot TB-RACE is booked one person at a time (only lab sessions take a group): book each person on their own');
    expect(describeRefusal({ ok: false, reason: 'GROUP_OVER_LIMIT', slot: TEST_SLOTS.lab, detail: { limit: 30 } })).toMatch(/^one booking may hold at most 30 people \(BOOKING_MAX_GROUP\)/);
    expect(describeRefusal({ ok: false, reason: 'LIMIT_REACHED', slot: TEST_SLOTS.small, detail: { limit: 2 } })).toMatch(/already holds 2 active booking\(s\) for SV01 .*cancel one first/);
  });
});
