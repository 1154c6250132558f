import { z } from 'zod';
import { Audience, Code, IsoDate, Text } from './common.js';

export const InitiativeKind = z.enum(['call', 'event', 'open_day', 'hackathon', 'contest']);

export const Initiative = z
  .object({
    id: Code,
    title: Text(200),
    kind: InitiativeKind,
    organizer: Text(160),
    /** Sponsor companies ("imprese madrine") of a call for ideas. */
    sponsors: z.array(Text(120)).default([]),
    site: Code.optional(),
    startDate: IsoDate,
    endDate: IsoDate.optional(),
    applicationDeadline: IsoDate.optional(),
    /** Empty means for everyone. */
    audience: z.array(Audience).default([]),
    audienceNote: Text(300).optional(),
    cost: z.number().min(0).default(0),
    description: Text(3000),
    url: z.string().max(300).optional(),
    howToApply: Text(1000).optional(),
    keywords: z.array(Text(60)).default([]),
  })
  .strict();
export type Initiative = z.infer<typeof Initiative>;
