import { z } from 'zod';
import { Code, Contacts, Lat, Lon, Text } from './common.js';

export const SiteKind = z.enum(['hub', 'school_lab', 'training_centre', 'cpia', 'job_centre', 'chamber', 'university', 'other']);

export const Lab = z
  .object({
    name: Text(120),
    equipment: z.array(Text(120)).default([]),
    capacity: z.number().int().positive().max(500).optional(),
  })
  .strict();

export const Site = z
  .object({
    id: Code,
    name: Text(160),
    kind: SiteKind,
    provider: Text(160),
    address: Text(200),
    postcode: z.string().regex(/^\d{5}$/).optional(),
    /** The MIUR code of the school hosting the site, when it is a school lab. */
    schoolCode: z.string().max(20).optional(),
    comune: z.string().regex(/^\d{6}$/, 'the ISTAT code of the comune, e.g. 020030'),
    lat: Lat.optional(),
    lon: Lon.optional(),
    labs: z.array(Lab).default([]),
    hours: Text(400).optional(),
    accessibility: Text(400).optional(),
    directions: Text(600).optional(),
    contacts: Contacts.default({}),
    description: Text(2000).optional(),
    keywords: z.array(Text(60)).default([]),
  })
  .strict();
export type Site = z.infer<typeof Site>;
