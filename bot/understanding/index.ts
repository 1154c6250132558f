import type { Place } from '../../domain/ports.js';
import { comuneVocabulary, understandQuery, type ComuneName, type Understood } from '../../knowledge/search/query-understanding.js';
import { GRADE_WORDS } from './schools.js';
import { ASKS_ONLY, mendAsking } from './typos.js';
import { expandChat } from '../../text/chat.js';
import { fold } from '../../text/normalize.js';
import { asksHow, asksToBook } from './act.js';
import { askedAttributes, type Attribute } from './attributes.js';
import { joinDotted, Lexicon, type Mention } from './lexicon.js';
import type { NameSource } from '../../domain/ports.js';
import { namesOf } from './names.js';
import { AUDIENCE_WORDS, LEVEL_WORDS, MODE_WORDS, PHRASES, SYNONYMS } from '../../knowledge/search/vocabulary.js';
import { trainClassifier } from './classifier.js';
import { CORPUS_EN } from './corpus.en.js';
import { CORPUS_IT } from './corpus.it.js';
import { extractEntities, type Entities } from './entities.js';
import { topicWords, type FeatureVocabulary } from './features.js';
import type { Intent } from './intent.js';
import { detectLanguage, type Lang } from './language.js';
import { decide } from './rules.js';
import { cut } from '../../text/storable.js';
import { keepPairs, redact } from '../../text/redact.js';

export type { Entities } from './entities.js';
export type { Intent } from './intent.js';
export type { Lang } from './language.js';
export type { Attribute } from './attributes.js';
export type { Mention } from './lexicon.js';

export interface Understanding {
  intent: Intent;
  confidence: number;
  language: Lang;
  entities: Entities;
  /** As typed, trimmed, at most MAX_TEXT characters. */
  text: string;
  /** Lower case, accents and punctuation folded. */
  folded: string;
  /** Filters and topic words of the text, read once for every search this turn makes. */
  query: Understood;
  /** The same, less the words that asked for a fact: what a search for the topic is given. */
  search: Understood;
  /** The facts asked about ("quando inizia?" -> start), in the order asked. */
  attributes: Attribute[];
  /** Courses, sites, services and initiatives the words name, best first. */
  mentions: Mention[];
  /**
   * Records some of whose name's words were said, too few to name them ("il co-working dell'Hub" of
   * "Co-working gratuito per giovani"): what a site named by one of its labs' names may be about.
   */
  related: Mention[];
  /** Schools of the registry the words name, best first. */
  schools: Mention[];
  /** A request to book or enrol ("prenotami…", "mi iscrivo"), not a question about it. */
  booking: boolean;
  /** A question about how, whether or what is needed ("come mi iscrivo?", "serve lo SPID?"). */
  how: boolean;
  /** Asked as a question (a question mark, or a question word or "posso…" first). */
  question: boolean;
  /** Refused by rule: harm, or a new persona for the assistant. */
  refused: boolean;
  /** "È online?", "is it free?": a yes/no question about what is in focus, not a narrowing of a search. */
  yesNo: boolean;
  /**
   * Words that name what the question is about, once filters, the facts asked and the names of
   * records are set aside: none means the question is about what is already in focus.
   */
  topic: string[];
}

export interface Vocabulary {
  comuni: Place[];
  records: NameSource[];
  /** Folded word -> the catalogue's own words for it; added to the search synonyms. */
  synonyms?: Record<string, string>;
}

export interface Understander {
  understand(text: string, options: { locale?: Lang; today: string }): Understanding;
  /** The comuni, as query understanding reads them. */
  readonly comuni: ComuneName[];
}

const CATALOGUE_KINDS = new Set(['course', 'site', 'service', 'initiative']);
const CEFR = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'];
/** The words of a question itself, as opposed to what it is about. */
const QUESTION_WORDS = new Set(
  ('quando dove quanto quanta quanti quante come che cosa cos quale quali chi e sono si trova trovano inizia iniziano comincia cominciano parte partono ' +
    'finisce finiscono termina costa costano dura scade scadono apre aprite chiude chiudete arrivo arrivare arriva raggiungo serve servono ' +
    'organizza tiene gestisce eroga propone segue seguono conduce accompagna funziona funzionano works ' +
    'when where how what which who whom much many long does do is are start starts begin begins end ends cost costs open opens close closes last lasts get').split(' '),
);

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
  const places = vocabulary.comuni.map((c) => c.name);
  // Who a record is for, its level and mode narrow a search; they name no record.
  // A language level ("A2", "B1") tells courses of one language apart; alone it names none.
  const notNaming = [...Object.values(AUDIENCE_WORDS), ...Object.values(LEVEL_WORDS), ...Object.values(MODE_WORDS), ...CEFR].flat();
  const siteTypes = new Map<string, number>();
  for (const r of vocabulary.records) if (r.kind === 'site' && r.type) siteTypes.set(r.type, (siteTypes.get(r.type) ?? 0) + 1);
  const sole = (r: NameSource) => r.kind === 'site' && !!r.type && siteTypes.get(r.type) === 1;
  // Word pairs of record names and comuni, so "Enrico Fermi" or "Castel Goffredo" are not taken for a person.
  const personless = keepPairs([...vocabulary.records.map((r) => r.title), ...vocabulary.records.flatMap((r) => r.labs ?? []), ...vocabulary.comuni.map((c) => c.name)]);
  const catalogue = new Lexicon(vocabulary.records.filter((r) => CATALOGUE_KINDS.has(r.kind)).map((r) => namesOf(r, sole(r))), { places, notNaming });
  // A school's grade ("primaria", "infanzia") is said of hundreds of them: it tells them apart, it names none.
  const registry = new Lexicon(vocabulary.records.filter((r) => r.kind === 'school').map((r) => namesOf(r)), { places, notNaming: [...notNaming, ...GRADE_WORDS] });

  return {
    comuni,
    understand(raw, { locale, today }) {
      // Markup pasted into a chat ("<script>…</script>") is no words to read.
      const text = cut((typeof raw === 'string' ? raw : '').trim(), MAX_TEXT).replace(/<(script|style)\b[^<>]{0,200}>[\s\S]{0,2000}?<\/\1\s*>/gi, ' ').replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ').trim();
      const plain = expandChat(fold(joinDotted(text)));
      const folded = mendAsking(plain, (w) => catalogue.knows(w) || registry.knows(w));
      // A question word mistyped ("qante ore", "csa serve") asks; it is no topic to search for.
      const plainWords = plain.split(' ');
      const mistyped = new Set(folded.split(' ').flatMap((w, i) => (plainWords[i] !== undefined && plainWords[i] !== w && ASKS_ONLY.has(w) ? [plainWords[i]!] : [])));
      const language = detectLanguage(text, locale);
      const entities = extractEntities(text, today, { comuni, ids });
      // Who the person is (a name, a fiscal code, a street address) is no topic to search for.
      const understood = understandQuery(withoutPerson(cut(text, 400), personless), today, comuni);
      const unmistyped = (t: string) => t.split(' ').filter((w) => !mistyped.has(w)).join(' ');
      const query: Understood = mistyped.size === 0 ? understood : { ...understood, text: unmistyped(understood.text), literal: unmistyped(understood.literal), cover: understood.cover.filter((c) => !mistyped.has(c.split(' ')[0]!)) };
      const { attributes, phrases } = askedAttributes(folded);
      // The words that asked for a fact ("le imprese madrine di…") name no record.
      // Nor do the phrases search drops as saying nothing of the topic ("la settimana scorsa" is
      // no "Settimana dell'orientamento").
      const naming = PHRASES.filter(([, as]) => !as.trim()).reduce((rest, [re]) => rest.replace(re, ' '), phrases.reduce((rest, p) => rest.replace(p.trim(), ' '), folded));
      const mentions = catalogue.find(naming);
      const schools = registry.find(naming, { minCoverage: 0.75, placeNames: true });
      const related = catalogue.find(naming, { minCoverage: 0.2 }).filter((r) => !mentions.some((m) => m.kind === r.kind && m.id === r.id)).slice(0, 8);
      const booking = asksToBook(folded, !!(entities.dates || entities.time || entities.className || entities.groupSize || entities.codes.length));
      const how = !booking && asksHow(folded);
      const question = /\?\s*$/.test(text) || /^(posso|possiamo|si puo|e possibile|can i|can we|could i|may i|is it|are there|is there|do i|do we)\b/.test(folded);
      const topic = topicOf(query, phrases, mentions);
      // A search keeps the nouns that asked for a fact ("un mediatore in arabo", "le attrezzature"):
      // they may name what is sought. Only the question's own words go ("quanto costa", "dove").
      const askedWords = new Set(phrases.flatMap((p) => p.trim().split(' ')).filter((w) => QUESTION_WORDS.has(w)));
      const keep = (t: string) => t.split(' ').filter((w) => w && !askedWords.has(w)).join(' ');
      const search: Understood = { ...query, text: keep(query.text), literal: keep(query.literal), cover: query.cover.filter((c) => !askedWords.has(c.split(' ')[0]!)) };
      const classification = text ? classifier.classify(text) : undefined;
      const { intent, confidence, refused } = decide(text, classification, entities, featureVocabulary, language);
      const yesNo = /(^|\s)(è|e'|sono|is it|is the|are they|are the|does it|do they|si tiene|si fa|si paga|costa)\s/i.test(` ${text.toLowerCase()} `);
      return { intent, confidence, language, entities, text, folded, query, search, attributes, mentions, related, schools, booking, how, question, topic, refused: !!refused, yesNo };
    },
  };
}

/**
 * The words left to search by: the query's cover words, less those that asked for a fact
 * ("quanto costa") or named a record already found by name.
 */
function topicOf(query: Understood, phrases: readonly string[], mentions: readonly Mention[]): string[] {
  const asked = new Set(phrases.flatMap((p) => p.trim().split(' ')));
  const named = new Set(mentions.filter((m) => m.coverage >= 0.99).flatMap((m) => m.matched));
  return query.cover.filter((c) => {
    const word = c.split(' ')[0]!;
    return !asked.has(word) && !named.has(word);
  });
}

/** The text with a person's own data taken out: names, fiscal codes, addresses, phones, emails. */
function withoutPerson(text: string, keep: ReadonlySet<string>): string {
  return redact(text, { keep }).replace(/<[a-z-]+>/g, ' ');
}
