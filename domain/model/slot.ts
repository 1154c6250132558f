import { z } from 'zod';
import { Code, IsoDateTime, Text } from './common.js';

export const SlotKind = z.enum(['course', 'appointment', 'lab', 'event']);

/** Something bookable: a course edition, an appointment, a lab session for a class, an event. */
export const Slot = z
  .object({
    id: Code,
    kind: SlotKind,
    /** The course, service or initiative it belongs to (for lab sessions: the site). */
    ref: Code,
    site: Code,
    lab: Text(120).optional(),
    start: IsoDateTime,
    end: IsoDateTime,
    /** A whole-day slot (a course enrolment listed by date only): start and end are that day's midnights. */
    allDay: z.boolean().default(false),
    capacity: z.number().int().positive().max(1000),
    taken: z.number().int().min(0).default(0),
    notes: Text(300).optional(),
  })
  .strict()
  .refine((s) => s.taken <= s.capacity, { message: 'taken must not exceed capacity', path: ['taken'] })
  .refine((s) => Date.parse(s.end) > Date.parse(s.start), { message: 'end must be after start', path: ['end'] });
export type Slot = z.infer<typeof Slot>;
