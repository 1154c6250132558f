import { z } from 'zod';
import { Lat, Lon } from './common.js';

/** A comune of the ISTAT list; `code` is the 6-digit ISTAT code, `cadastralCode` the Belfiore code schools use. */
export const Comune = z
  .object({
    code: z.string().regex(/^\d{6}$/, 'the 6-digit ISTAT code, e.g. 020030'),
    cadastralCode: z.string().regex(/^[A-Z]\d{3}$/, 'the cadastral (Belfiore) code, e.g. E897'),
    name: z.string().trim().min(1).max(80),
    province: z.string().length(2).default('MN'),
    /** Absent until a coordinates source (or the sample) provides them. */
    lat: Lat.optional(),
    lon: Lon.optional(),
  })
  .strict();
export type Comune = z.infer<typeof Comune>;
