/**
 * What a reply was. Channels, the eval and the stored turns read it, so it is one closed list:
 * a typo in a flow, or a case expecting an intent nothing produces, fails to compile or to load.
 */

/** What understanding classifies a message as; 'unknown' is what is left when nothing useful was said. */
export const UNDERSTOOD_INTENTS = [
  'find_course', 'site_info', 'school_info', 'services', 'initiatives', 'learning_path', 'company',
  'book', 'cancel', 'my_bookings', 'handoff', 'privacy', 'feedback', 'help', 'greet', 'thanks_bye',
  'affirm', 'deny', 'switch_language', 'out_of_scope', 'unknown',
] as const;

export type Intent = (typeof UNDERSTOOD_INTENTS)[number];

export const REPLY_INTENTS = [
  ...UNDERSTOOD_INTENTS,
  // Not from the classifier: a record opened by a button, an empty or overlong message, a stale
  // button, a failure, words passed on to the staff member who has the conversation, and a message
  // nobody asked for (a staff reply, a waitlist promotion) added to the conversation.
  'details', 'empty', 'too_long', 'unknown_action', 'error', 'relayed', 'delivered',
] as const;

export type ReplyIntent = (typeof REPLY_INTENTS)[number];
