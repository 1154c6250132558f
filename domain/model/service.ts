import { z } from 'zod';
import { Audience, Code, Text } from './common.js';

export const ServiceCategory = z.enum(['job', 'orientation', 'self_employment', 'training', 'business']);

export const Service = z
  .object({
    id: Code,
    title: Text(200),
    category: ServiceCategory,
    provider: Text(160),
    sites: z.array(Code).min(1),
    /** Empty means for everyone. */
    audience: z.array(Audience).default([]),
    audienceNote: Text(300).optional(),
    howToAccess: Text(1000),
    documents: z.array(Text(200)).default([]),
    bookable: z.boolean(),
    appointmentMinutes: z.number().int().positive().max(480).optional(),
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).default(['it']),
    cost: z.number().min(0).default(0),
    description: Text(3000),
    keywords: z.array(Text(60)).default([]),
  })
  .strict();
export type Service = z.infer<typeof Service>;
