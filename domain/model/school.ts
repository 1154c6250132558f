import { z } from 'zod';
import { Text } from './common.js';

/** A school of the MIUR registry; `id` is the ministry's code (e.g. MNIS01100E). */
export const School = z
  .object({
    id: z.string().regex(/^[A-Z]{2}[A-Z0-9]{8}$/, 'the 10-character MIUR code, e.g. MNIS01100E'),
    name: Text(200),
    type: Text(120),
    institute: z.string().max(20).optional(),
    address: Text(200).optional(),
    cadastralCode: z.string().regex(/^[A-Z]\d{3}$/),
    comuneName: Text(80).optional(),
    email: z.string().max(200).optional(),
    pec: z.string().max(200).optional(),
    website: z.string().max(300).optional(),
    state: z.boolean(),
  })
  .strict();
export type School = z.infer<typeof School>;
