import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerIt } from '@nlpjs/lang-it';
import { fold } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import { parseDatePhrase } from '../../time/italian-dates.js';
import { BOOKING_CODE, EMAIL, PHONE } from './entities.js';

/*
 * What the classifier sees of a sentence: stems (nlp.js's Italian and English Snowball stemmers)
 * plus placeholder features for what varies between sentences of the same intent. "corsi a
 * Viadana" and "corsi a Goito" both read `corsi a #comune`; a word of a catalogue title adds
 * `#topic:<kind>`, so a course the corpus never mentions ("saldatura", "muletto") still points to
 * the catalogue instead of nowhere.
 */
export interface FeatureVocabulary {
  /** Folded comune names and aliases, longest first. */
  comuni: string[];
  /** Upper-cased record id -> kind. */
  ids: ReadonlyMap<string, { id: string; kind: string }>;
  /** Folded word of a title (or a synonym of one) -> the kinds of records it names. */
  topics: ReadonlyMap<string, ReadonlySet<string>>;
}

const stemIt = new StemmerIt();
const stemEn = new StemmerEn();
// Language names are how people switch language, not course topics, even where a title has them.
const NOT_TOPICS = new Set(['inglese', 'italiano', 'english', 'italian', 'lingua', 'lingue']);
// Any fixed date does: what a date phrase says about intent is only that there is one.
const DATE_TODAY = '2026-01-15';

export const PLACEHOLDER = {
  booking: 'zzbooking', email: 'zzemail', phone: 'zzphone', comune: 'zzcomune', number: 'zznum', className: 'zzclass',
  up: 'zzthumbsup', down: 'zzthumbsdown', code: 'zzcode', date: 'zzdate',
} as const;

export function topicFeature(kind: string): string {
  return `zztopic${kind}`;
}

export function codeFeature(kind: string): string {
  return `zzcode${kind}`;
}

/** Words of titles and synonyms that name records, by kind; too common words are left out. */
export function topicWords(records: readonly { kind: string; title: string }[], synonyms: Record<string, string>, comuni: readonly string[]): Map<string, Set<string>> {
  const skip = new Set([...STOPWORDS, ...comuni.flatMap((c) => c.split(' '))]);
  const topics = new Map<string, Set<string>>();
  const add = (word: string, kind: string) => {
    if (word.length < 3 || skip.has(word) || NOT_TOPICS.has(word) || /^\d+$/.test(word)) return;
    let kinds = topics.get(word);
    if (!kinds) topics.set(word, (kinds = new Set()));
    kinds.add(kind);
  };
  for (const r of records) for (const w of fold(r.title).split(' ')) add(w, r.kind);
  for (const [word, meaning] of Object.entries(synonyms)) {
    for (const m of fold(meaning).split(' ')) for (const kind of topics.get(m) ?? []) add(fold(word), kind);
  }
  return topics;
}

/*
 * One network for both languages, each word stemmed both ways: a turn that mixes them ("ciao, I
 * want to book il corso") is read with all its words, and no language guess can send it to the
 * wrong model.
 */
export function features(text: string, vocabulary: FeatureVocabulary): Record<string, number> {
  const marked = text
    .replace(new RegExp(BOOKING_CODE.source, 'gi'), ` ${PLACEHOLDER.booking} `)
    .replace(new RegExp(EMAIL.source, 'gu'), ` ${PLACEHOLDER.email} `)
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 9 ? ` ${PLACEHOLDER.phone} ` : m))
    .replace(/👍|👌/gu, ` ${PLACEHOLDER.up} `)
    .replace(/👎/gu, ` ${PLACEHOLDER.down} `);
  let folded = ` ${fold(marked)} `;
  for (const name of vocabulary.comuni) {
    if (folded.includes(` ${name} `)) folded = folded.split(` ${name} `).join(` ${PLACEHOLDER.comune} `);
  }
  const date = parseDatePhrase(folded.trim(), DATE_TODAY);
  if (date) folded = folded.replace(` ${date.matched} `, ` ${PLACEHOLDER.date} `);
  const out: Record<string, number> = {};
  for (const token of folded.trim().split(' ')) {
    if (!token) continue;
    const record = vocabulary.ids.get(token.toUpperCase());
    if (record) {
      out[PLACEHOLDER.code] = 1;
      out[codeFeature(record.kind)] = 1;
    } else if (token.startsWith('zz')) {
      out[token] = 1;
    } else if (/^\d+$/.test(token)) {
      out[PLACEHOLDER.number] = 1;
    } else if (/^[1-5][a-z]$/.test(token) && token !== '3d') {
      out[PLACEHOLDER.className] = 1;
    } else {
      out[stemIt.stemWord(token)] = 1;
      out[stemEn.stemWord(token)] = 1;
      for (const kind of vocabulary.topics.get(token) ?? []) out[topicFeature(kind)] = 1;
    }
  }
  return out;
}
