import type { BookResult, CancelRefusal } from '../../domain/ports.js';

type Refused = Extract<BookResult, { ok: false }>;

/** One sentence for staff (CLI, logs) after the stable code; the engine words its own for users. */
export function describeRefusal(r: Refused): string {
  const d = r.detail ?? {};
  const slot = r.slot ? `slot ${r.slot.id}` : 'the slot';
  switch (r.reason) {
    case 'SLOT_NOT_FOUND':
      return 'there is no slot with this id (see orienta slots)';
    case 'SLOT_PAST':
      return `${slot} has already taken place or begun`;
    case 'COURSE_STARTED':
      return `the course of ${slot} has already started`;
    case 'DEADLINE_PASSED':
      return `enrolment for ${slot} closed on ${d.deadline}`;
    case 'AGE_REQUIRED':
      return `the course asks for a minimum age of ${d.minAge}: give the person's age (--age)`;
    case 'TOO_YOUNG':
      return `the course is for people aged ${d.minAge} or more`;
    case 'GROUP_INVALID':
      return 'the group size must be a whole number of at least 1';
    case 'GROUP_TOO_LARGE':
      return `the group is larger than the ${d.capacity} places of ${slot}: split it over ${d.sessionsNeeded} sessions`;
    case 'GROUP_NOT_ALLOWED':
      return `${slot} is booked one person at a time (only lab sessions take a group): book each person on their own`;
    case 'GROUP_OVER_LIMIT':
      return `one booking may hold at most ${d.limit} people (BOOKING_MAX_GROUP): split the group over several bookings`;
    case 'LIMIT_REACHED':
      return `this person already holds ${d.limit} active booking(s) for ${r.slot ? r.slot.ref : 'this'} (the limit, see BOOKING_MAX_PER_REF / BOOKING_MAX_LAB_SESSIONS): cancel one first`;
    case 'FULL':
      return `${slot} is full (${d.free ?? 0} of ${d.capacity ?? r.slot?.capacity ?? '?'} places free): add --waitlist to join its waitlist`;
    case 'ALREADY_BOOKED':
      return `this person already holds booking ${d.existing} on ${slot}`;
  }
}

export function describeCancelRefusal(reason: CancelRefusal): string {
  switch (reason) {
    case 'NOT_FOUND':
      return 'no booking has this code';
    case 'NOT_YOURS':
      return 'this booking was made by someone else';
    case 'ALREADY_CANCELLED':
      return 'this booking was already cancelled; nothing changed';
  }
}
