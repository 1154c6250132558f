import type { Intent } from '../../domain/intent.js';

export type { Intent } from '../../domain/intent.js';

/** What the classifier learns; 'unknown' is what is left when nothing useful was said. */
export type TrainedIntent = Exclude<Intent, 'unknown'>;

export type Corpus = Record<TrainedIntent, string[]>;
