import { italianDate } from '../../domain/clock.js';
import type { BookingRefusal, BookResult, BookingRequest } from '../../domain/ports.js';
import type { Slot } from '../../domain/model/index.js';
import { takesGroups, type BookingLimits } from './booking-limits.js';

/** What the rules read about a slot and what it belongs to. */
export interface SlotFacts {
  slot: Slot;
  /** The course's first day, for course editions (YYYY-MM-DD). */
  courseStart?: string;
  /** Last day to enrol (course) or apply (initiative), inclusive. */
  deadline?: string;
  minAge?: number;
}

export type Refusal = Extract<BookResult, { ok: false }>;

const refuse = (reason: BookingRefusal, slot: Slot, detail?: Refusal['detail']): Refusal => ({ ok: false, reason, slot, ...(detail ? { detail } : {}) });

/**
 * The rules a request must pass before seats are looked at, or the first one it breaks. Dates are
 * Italian calendar days: a deadline "20 dicembre" holds until midnight in Mantova.
 */
export function checkRules(facts: SlotFacts, request: BookingRequest, now: Date, limits: BookingLimits): Refusal | null {
  const { slot } = facts;
  const group = request.groupSize ?? 1;
  if (!Number.isInteger(group) || group < 1) return refuse('GROUP_INVALID', slot);
  // Each person enrols for themselves: a head count on a course or an event would let one visitor take every seat.
  if (group > 1 && !takesGroups(slot.kind)) return refuse('GROUP_NOT_ALLOWED', slot);
  if (group > limits.maxGroup) return refuse('GROUP_OVER_LIMIT', slot, { limit: limits.maxGroup });
  // A whole-day slot stays bookable during its day; a timed one until it begins.
  const over = slot.allDay ? Date.parse(slot.end) <= now.getTime() : Date.parse(slot.start) <= now.getTime();
  if (over) return refuse('SLOT_PAST', slot);
  const today = italianDate(now);
  // Its first day still counts as joinable; from the next day it is running.
  if (facts.courseStart !== undefined && facts.courseStart < today) return refuse('COURSE_STARTED', slot);
  if (facts.deadline !== undefined && facts.deadline < today) return refuse('DEADLINE_PASSED', slot, { deadline: facts.deadline });
  if (facts.minAge !== undefined) {
    if (request.age === undefined) return refuse('AGE_REQUIRED', slot, { minAge: facts.minAge });
    if (request.age < facts.minAge) return refuse('TOO_YOUNG', slot, { minAge: facts.minAge });
  }
  if (group > slot.capacity) {
    return refuse('GROUP_TOO_LARGE', slot, { capacity: slot.capacity, sessionsNeeded: Math.ceil(group / slot.capacity) });
  }
  return null;
}
