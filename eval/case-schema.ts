import { z } from 'zod';
import { REPLY_INTENTS } from '../domain/intent.js';

/**
 * The YAML case format of eval/cases/README.md, as zod schemas. Staff write these files by hand,
 * so the schemas are forgiving where intent is plain (a single id for a list, a number typed as
 * text) and strict where a typo would silently check nothing (unknown fields are errors).
 */

/** What understanding classifies, plus what the engine answers outside the classifier: a reply's own list. */
export const INTENTS = REPLY_INTENTS;

export const BOOKING_EFFECTS = ['created', 'waitlisted', 'cancelled', 'none'] as const;
export type BookingEffect = (typeof BOOKING_EFFECTS)[number];

export const REFERENCE_NOW = '2026-11-25T10:00:00+01:00';

/** A single value where a list is expected is a list of one: `cites: C001`. */
const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) || v === undefined || v === null ? v : [v]), z.array(item).min(1, 'must list at least one'));

/** YAML reads `2024` as a number; ids and phrases are text either way. */
const asText = (v: unknown) => (typeof v === 'number' ? String(v) : v);

const RecordId = z.preprocess(asText, z.string({ error: 'must be a record id such as C001' }).trim().min(1, 'must be a record id such as C001').max(60));
const Phrase = z.preprocess(asText, z.string({ error: 'must be a phrase in quotes' }).trim().min(1, 'must not be empty').max(500));
const Intent = z.preprocess(
  asText,
  z.string({ error: 'must be an intent such as find_course' }).superRefine((v, ctx) => {
    if (!(INTENTS as readonly string[]).includes(v)) ctx.addIssue({ code: 'custom', message: `"${v}" is not an intent; use one of ${INTENTS.join(', ')}` });
  }),
) as z.ZodType<(typeof INTENTS)[number]>;

/** A moment with its offset, as the clock of the answers: 2026-11-25T10:00:00+01:00. */
const Moment = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso.datetime({ offset: true, error: 'must be a date and time with its offset, such as 2026-11-25T10:00:00+01:00' }),
);

const Tag = z.preprocess(
  asText,
  z.string({ error: 'must be a key:value word such as lang:it' }).regex(/^[a-z][a-z0-9_-]*:[^\s:][^\s]*$/, 'must be a key:value word such as lang:it or topic:courses (lower-case key, no spaces)'),
);
const Tags = z.preprocess((v) => (Array.isArray(v) || v === undefined || v === null ? v : [v]), z.array(Tag));
const User = z.preprocess(asText, z.string().regex(/^[\w:.@-]{1,120}$/, 'must be letters, digits or ":_.@-" (at most 120), such as telegram:eval-1'));
const Locale = z.enum(['it', 'en'], { error: 'must be it or en' });

export const Expect = z.strictObject({
  /** Any of them; kept as a list. */
  intent: listOf(Intent).optional(),
  cites: listOf(RecordId).optional(),
  cites_any: listOf(RecordId).optional(),
  not_cites: listOf(RecordId).optional(),
  retrieved: z
    .strictObject({
      ids: listOf(RecordId),
      k: z.number({ error: 'must be a whole number from 1 to 10' }).int('must be a whole number from 1 to 10').min(1, 'must be at least 1').max(10, 'must be at most 10').default(3),
    })
    .optional(),
  says: listOf(z.union([Phrase, z.array(Phrase).min(1, 'an any-of list must hold at least one phrase')])).optional(),
  not_says: listOf(Phrase).optional(),
  dont_know: z.boolean({ error: 'must be true or false' }).optional(),
  offers_person: z.boolean({ error: 'must be true or false' }).optional(),
  booking: z
    .string({ error: `must be one of ${BOOKING_EFFECTS.join(', ')}` })
    .superRefine((v, ctx) => {
      if (!(BOOKING_EFFECTS as readonly string[]).includes(v)) ctx.addIssue({ code: 'custom', message: `"${v}" is not a booking effect; use one of ${BOOKING_EFFECTS.join(', ')}` });
    })
    .transform((v) => v as BookingEffect)
    .optional(),
});
export type Expect = z.infer<typeof Expect>;

export const TurnSpec = z
  .strictObject({
    say: z.preprocess(asText, z.string({ error: 'must be the text the person types, in quotes' }).max(5000)).optional(),
    press: z.number({ error: 'must be the number of a choice of the previous reply (1 = first)' }).int('must be a whole number (1 = first choice)').min(1, 'must be 1 or more (1 = first choice)').optional(),
    action: z.string({ error: 'must be an action such as details:course:C001' }).trim().min(1, 'must not be empty').max(200).optional(),
    expect: Expect.optional(),
  })
  .superRefine((t, ctx) => {
    const given = (['say', 'press', 'action'] as const).filter((k) => t[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: given.length ? [given[1]!] : [], message: given.length ? `a turn has exactly one of say, press or action, not ${given.join(' and ')}` : 'a turn needs one of say, press or action' });
    }
    if (t.expect?.retrieved && t.say === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expect', 'retrieved'], message: 'needs a say turn: retrieval runs on what the person typed' });
    }
  });
export type TurnSpec = z.infer<typeof TurnSpec>;

export const CaseSpec = z.strictObject({
  id: z.preprocess(asText, z.string({ error: 'every case needs an id' }).regex(/^[A-Za-z0-9][\w.:-]{0,99}$/, 'must be letters, digits and ".:_-" (at most 100), such as courses-3d-viadana')),
  description: z.string().max(1000).optional(),
  tags: Tags.optional(),
  user: User.optional(),
  locale: Locale.optional(),
  now: Moment.optional(),
  turns: z.array(TurnSpec, { error: 'must be a list of turns, each with say, press or action' }).min(1, 'must hold at least one turn'),
});
export type CaseSpec = z.infer<typeof CaseSpec>;

export const CaseFile = z.strictObject({
  defaults: z
    .strictObject({ tags: Tags.optional(), user: User.optional(), locale: Locale.optional(), now: Moment.optional() })
    .optional(),
  cases: z.array(z.unknown(), { error: 'must be a list of cases' }).min(1, 'must hold at least one case'),
});
