export type Intent =
  | 'greet' | 'help' | 'find_course' | 'site_info' | 'school_info' | 'services' | 'initiatives'
  | 'learning_path' | 'company' | 'book' | 'my_bookings' | 'cancel' | 'handoff' | 'privacy' | 'feedback'
  | 'thanks_bye' | 'affirm' | 'deny' | 'switch_language' | 'out_of_scope' | 'unknown';

/** What the classifier learns; 'unknown' is what is left when nothing useful was said. */
export type TrainedIntent = Exclude<Intent, 'unknown'>;

export type Corpus = Record<TrainedIntent, string[]>;
