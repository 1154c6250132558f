/** What a turn was about, in the words of the eval tags (`topic:courses`) and of the insights report. */
const OF_INTENT: Record<string, string> = {
  find_course: 'courses',
  site_info: 'sites',
  school_info: 'schools',
  services: 'services',
  initiatives: 'initiatives',
  learning_path: 'learning-path',
  company: 'company',
  book: 'bookings',
  my_bookings: 'bookings',
  cancel: 'bookings',
  handoff: 'person',
  privacy: 'privacy',
};

const OF_KIND: Record<string, string> = { course: 'courses', site: 'sites', school: 'schools', service: 'services', initiative: 'initiatives', doc: 'services' };

/** Intents of the assistant's housekeeping: never the answer that made someone give up. */
export const HOUSEKEEPING = new Set(['greet', 'help', 'thanks_bye', 'affirm', 'deny', 'switch_language', 'feedback', 'handoff', 'relayed', 'privacy', 'empty']);

/**
 * The topic of an answer: its intent where that names one, else the kind of record it was about
 * (a details button, a code), else what the words point to ("corso", "scuola"), else "other".
 */
export function areaOf(intent: string, recordKinds: readonly string[], wordKinds: readonly string[] = []): string {
  if (OF_INTENT[intent]) return OF_INTENT[intent]!;
  const kind = recordKinds[0] ?? wordKinds[0];
  return (kind && OF_KIND[kind]) || 'other';
}

export const areaOfKind = (kind: string) => OF_KIND[kind] ?? 'other';
