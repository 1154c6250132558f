import type { Place } from '../ports.js';
import { comuneVocabulary } from '../../knowledge/search/query-understanding.js';
import { SYNONYMS } from '../../knowledge/search/vocabulary.js';
import { trainClassifier } from './classifier.js';
import { CORPUS_EN } from './corpus.en.js';
import { CORPUS_IT } from './corpus.it.js';
import { extractEntities, type Entities } from './entities.js';
import { topicWords, type FeatureVocabulary } from './features.js';
import type { Intent } from './intent.js';
import { detectLanguage, type Lang } from './language.js';
import { decide } from './rules.js';
import { cut } from '../../text/storable.js';

export type { Entities } from './entities.js';
export type { Intent } from './intent.js';
export type { Lang } from './language.js';

export interface Understanding {
  intent: Intent;
  confidence: number;
  language: Lang;
  entities: Entities;
  /** As typed, trimmed, at most MAX_TEXT characters. */
  text: string;
}

export interface Vocabulary {
  comuni: Place[];
  records: { id: string; kind: string; title: string }[];
  /** Folded word -> the catalogue's own words for it; added to the search synonyms. */
  synonyms?: Record<string, string>;
}

export interface Understander {
  understand(text: string, options: { locale?: Lang; today: string }): Understanding;
}

/** Longer turns are pasted documents, not questions: the first part is enough and keeps every turn fast. */
export const MAX_TEXT = 2000;

export async function createUnderstander(vocabulary: Vocabulary): Promise<Understander> {
  const comuni = comuneVocabulary(vocabulary.comuni);
  const ids = new Map<string, { id: string; kind: string }>();
  for (const r of vocabulary.records) ids.set(r.id.toUpperCase(), { id: r.id, kind: r.kind });
  const synonyms = { ...SYNONYMS, ...(vocabulary.synonyms ?? {}) };
  const comuneNames = comuni.flatMap((c) => [c.folded, ...c.aliases]).sort((a, b) => b.length - a.length);
  const featureVocabulary: FeatureVocabulary = {
    comuni: comuneNames,
    ids,
    topics: topicWords(vocabulary.records, synonyms, comuneNames),
  };
  const classifier = trainClassifier([CORPUS_IT, CORPUS_EN], featureVocabulary);

  return {
    understand(raw, { locale, today }) {
      const text = cut((typeof raw === 'string' ? raw : '').trim(), MAX_TEXT);
      const language = detectLanguage(text, locale);
      const entities = extractEntities(text, today, { comuni, ids });
      const classification = text ? classifier.classify(text) : undefined;
      const { intent, confidence } = decide(text, classification, entities, featureVocabulary, language);
      return { intent, confidence, language, entities, text };
    },
  };
}
