import { z } from 'zod';
import { Audience, Code, IsoDate, Level, Mode, Text } from './common.js';

export const Course = z
  .object({
    id: Code,
    title: Text(200),
    provider: Text(160),
    site: Code,
    topic: Text(80),
    level: Level,
    /** Empty means for everyone. */
    audience: z.array(Audience).default([]),
    /** The partner's own words for who it is for ("Studenti 14-19 anni"). */
    audienceNote: Text(300).optional(),
    mode: Mode,
    /** Absent when the partner does not state it (a degree course). */
    hours: z.number().positive().max(3000).optional(),
    startDate: IsoDate,
    endDate: IsoDate,
    schedule: Text(300).optional(),
    /** In euro; 0 means free; absent when it depends (university fees by income): see costNote. */
    cost: z.number().min(0).max(100000).optional(),
    /** The partner's words when an amount alone would mislead ("Gratuito con Dote Unica Lavoro; altrimenti 900,00 €"). */
    costNote: Text(300).optional(),
    seats: z.number().int().positive().max(1000).optional(),
    enrolmentDeadline: IsoDate.optional(),
    certificate: Text(200).optional(),
    prerequisites: Text(400).optional(),
    /** Codes of courses that should come before this one (learning paths). */
    after: z.array(Code).default([]),
    minAge: z.number().int().min(0).max(99).optional(),
    language: z.string().regex(/^[a-z]{2}$/).default('it'),
    description: Text(3000),
    keywords: z.array(Text(60)).default([]),
  })
  .strict()
  .refine((c) => c.endDate >= c.startDate, { message: 'endDate must not be before startDate', path: ['endDate'] });
export type Course = z.infer<typeof Course>;
