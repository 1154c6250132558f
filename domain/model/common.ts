import { z } from 'zod';

/** Partner codes are kept verbatim as ids (C001, S02, SV01, P037, MNIS01100E, 020030). */
export const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'a code: letters, digits, "_", "." or "-", at most 40 characters');

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
/** A moment with its UTC offset, so "15:00 in Mantova" never drifts with the server's zone. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Audience = z.enum(['students', 'adults', 'teachers', 'foreigners', 'neet', 'unemployed', 'companies', 'families']);
export type Audience = z.infer<typeof Audience>;

export const Level = z.enum(['beginner', 'intermediate', 'advanced']);
export type Level = z.infer<typeof Level>;

export const Mode = z.enum(['presence', 'online', 'blended']);
export type Mode = z.infer<typeof Mode>;

export const Lat = z.number().min(-90).max(90);
export const Lon = z.number().min(-180).max(180);

export const Contacts = z
  .object({
    phone: z.string().max(40).optional(),
    email: z.email().optional(),
    website: z.string().max(300).optional(),
    person: z.string().max(120).optional(),
  })
  .strict();
export type Contacts = z.infer<typeof Contacts>;

/** Short free text a user reads: capped so a bad export cannot flood a chat bubble. */
export const Text = (max = 4000) => z.string().trim().min(1).max(max);
