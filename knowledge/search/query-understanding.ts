import type { ParsedQuery, Place, SearchFilters, SearchKind } from '../../domain/ports.js';
import { expandChat } from '../../text/chat.js';
import { fold } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import { parseDatePhrase } from '../../time/italian-dates.js';
import type { Audience, Level } from '../../domain/model/index.js';
import { FILLER, NOT_TOPICAL, PHRASES, SYNONYMS } from './vocabulary.js';

/** A question read into topic words, codes, filters and preferences: the retriever's port type. */
export type Understood = ParsedQuery;

const NEAR = /\b(vicino a|vicino|nei pressi di|nei dintorni di|intorno a|dalle parti di|non lontano da|near|close to|around)\s+$/;
const IN_COMUNE = /\b(a|ad|di|da|in|nel comune di|presso|at|in)\s+$/;

const AUDIENCE_PHRASES: [RegExp, Audience][] = [
  [/\b(per )?(stranieri|straniero|straniera|migranti|immigrati|foreigners?|foreign|migrants?|expats?)\b/, 'foreigners'],
  [/\b(per )?(adulti|adults)\b/, 'adults'],
  [/\b(per )?(docenti|insegnanti|professori|teachers?)\b/, 'teachers'],
  [/\b(per )?(disoccupati|disoccupato|disoccupata|inoccupati|unemployed|jobseekers?)\b/, 'unemployed'],
  [/\b(neet|non studio e non lavoro|ne studio ne lavoro|non studio ne lavoro|lasciato la scuola|smesso di studiare|not in school|dropped out)\b/, 'neet'],
  [/\b(non lavoro|non ho (un )?lavoro|sono senza lavoro|ho perso il lavoro|cerco lavoro|out of work|lost my job|looking for (a )?(job|work))\b/, 'unemployed'],
  [/\b(per|for) (studenti|ragazzi|giovani|students|young people)\b/, 'students'],
  [/\b(high school students?|high school|secondary school students?|studenti delle superiori|ragazzi delle superiori)\b/, 'students'],
  [/\b(per|for) (aziende|imprese|companies|employers)\b/, 'companies'],
];

const LEVEL_PHRASES: [RegExp, Level][] = [
  [/\b(livello base|per principianti|principianti|da zero|beginners?|for beginners)\b/, 'beginner'],
  [/\b(livello intermedio|intermedio|intermediate)\b/, 'intermediate'],
  [/\b(livello avanzato|avanzato|avanzati|advanced)\b/, 'advanced'],
];

const FREE = /\b(solo gratuiti|gratuit[oaie]|gratis|senza costi?|a costo zero|non a pagamento|free( of charge)?|no cost)\b/;
const ONLINE = /\b(online|on line|a distanza|da casa|da remoto|remote|remotely|e learning|elearning)\b/;
const OPEN = /\b(iscrizioni aperte|aperti alle iscrizioni|posso ancora iscrivermi|ancora iscriversi|con posti liberi|open for enrol?ment|still open|can still enrol{1,2})\b/;

const KIND_HINTS: [RegExp, SearchKind][] = [
  [/\b(corso|corsi|courses?|formazione)\b/, 'course'],
  [/\b(sede|sedi|laboratorio|laboratori|lab|labs|fablab|dove si trova|indirizzo|orari|address|opening hours)\b/, 'site'],
  [/\b(servizio|servizi|service|appuntamento|colloquio|appointment)\b/, 'service'],
  [/\b(bando|bandi|evento|eventi|open day|hackathon|concorso|iniziativ[ae]|call for ideas|event|fiera)\b/, 'initiative'],
  [/\b(scuola|scuole|istituto|liceo|itis|ipsia|iis|school|high school)\b/, 'school'],
];

// The names of the kinds of records, which say what kind is wanted rather than what about ("sedi
// vicino a Ostiglia", "eventi a dicembre"): as words they would match the few records that happen
// to hold them, as hints they rank that kind first, and alone with filters they choose it.
const GENERIC_NOUNS = new Set(['corso', 'corsi', 'course', 'courses', 'sede', 'sedi', 'site', 'sites', 'evento', 'eventi', 'event', 'events', 'servizio', 'servizi', 'service', 'services', 'iniziativa', 'iniziative', 'initiatives']);

// "Free courses for unemployed people": who, said by the audience words; "people" names no topic.
const PEOPLE = new Set(['people', 'persone', 'person', 'gente']);

export interface ComuneName extends Place {
  folded: string;
  aliases: string[];
}

/** Comuni by their folded names, plus the first word of a long name when no other comune starts with it. */
export function comuneVocabulary(comuni: readonly Place[]): ComuneName[] {
  const folded = comuni.map((c) => ({ ...c, folded: fold(c.name), aliases: [] as string[] }));
  for (const c of folded) {
    const first = c.folded.split(' ')[0]!;
    if (c.folded.includes(' ') && first.length >= 5 && folded.filter((o) => o.folded.split(' ')[0] === first).length === 1 && !folded.some((o) => o.folded === first)) {
      c.aliases.push(first);
    }
  }
  return folded;
}

// Sorted once per vocabulary, not at every query: the province has 64 comuni, other catalogues more.
const sortedNames = new WeakMap<readonly ComuneName[], { n: string; c: ComuneName }[]>();
function namesLongestFirst(comuni: readonly ComuneName[]): { n: string; c: ComuneName }[] {
  let names = sortedNames.get(comuni);
  if (!names) {
    names = comuni.flatMap((c) => [c.folded, ...c.aliases].map((n) => ({ n, c }))).sort((a, b) => b.n.length - a.n.length);
    sortedNames.set(comuni, names);
  }
  return names;
}

/**
 * Reads filters out of a query ("corsi gratis online per stranieri vicino a Suzzara a gennaio")
 * and keeps the rest as the topic. What it reads is removed from the topic, so "gratis" does not
 * also have to appear in a course's text.
 */
export function understandQuery(raw: string, today: string, comuni: readonly ComuneName[]): Understood {
  let text = ` ${expandChat(fold(raw))} `;
  for (const [re, as] of PHRASES) text = text.replace(re, as);
  const filters: SearchFilters = {};
  const preferComuni: Place[] = [];
  const cut = (phrase: string) => {
    text = text.replace(` ${phrase} `, ' ').replace(/\s+/g, ' ');
    if (!text.startsWith(' ')) text = ` ${text}`;
    if (!text.endsWith(' ')) text = `${text} `;
  };

  // Comuni, longest names first so "porto mantovano" is not read as "mantova".
  for (const { n, c } of namesLongestFirst(comuni)) {
    const at = text.indexOf(` ${n} `);
    if (at < 0) continue;
    const before = text.slice(0, at + 1);
    const place: Place = { code: c.code, name: c.name, lat: c.lat, lon: c.lon };
    const near = before.match(NEAR);
    const inComune = before.match(IN_COMUNE);
    // Without coordinates (an ISTAT list loaded without the coordinates file) "near" can only mean "in".
    const located = typeof c.lat === 'number' && typeof c.lon === 'number';
    if (near && !filters.near && !located && !filters.comune) {
      filters.comune = place;
      cut(`${near[1]} ${n}`.trim());
    } else if (near && !filters.near) {
      filters.near = { ...place, radiusKm: 20 };
      cut(`${near[1]} ${n}`.trim());
    } else if (inComune && !filters.comune && !filters.near) {
      filters.comune = place;
      cut(`${inComune[1]} ${n}`.trim());
    } else if (!preferComuni.some((p) => p.code === c.code)) {
      preferComuni.push(place);
      // Kept in the text: "Gonzaga" may be a school's name as much as a comune.
    }
  }

  for (const [re, audience] of AUDIENCE_PHRASES) {
    const hit = text.match(re);
    if (hit) {
      (filters.audience ??= []).push(audience);
      cut(hit[0]);
    }
  }
  for (const [re, level] of LEVEL_PHRASES) {
    const hit = text.match(re);
    if (hit && !filters.level) {
      filters.level = level;
      cut(hit[0]);
    }
  }
  let hit: RegExpMatchArray | null;
  if ((hit = text.match(FREE))) {
    filters.freeOnly = true;
    cut(hit[0]);
  }
  if ((hit = text.match(ONLINE))) {
    filters.online = true;
    cut(hit[0]);
  }
  if ((hit = text.match(OPEN))) {
    filters.openForEnrolment = true;
    cut(hit[0]);
  }
  const dates = parseDatePhrase(text.trim(), today);
  if (dates) {
    filters.from = dates.from;
    filters.to = dates.to;
    cut(dates.matched);
  }

  const preferKinds = KIND_HINTS.filter(([re]) => re.test(text)).map(([, k]) => k);
  // "corso" is in nearly every course: as a word it would match the whole catalogue, as a hint it ranks courses first.
  // An age ("ho 16 anni", "I'm 15") says who asks, not what about.
  text = text.replace(/ \d{1,2} (anni|years old|years|yo) /g, ' ');
  const topical = text.trim().split(' ').filter((w) => w && !STOPWORDS.has(w) && !GENERIC_NOUNS.has(w) && !PEOPLE.has(w) && !FILLER.has(w));
  const expanded = topical.flatMap((w) => (Object.hasOwn(SYNONYMS, w) ? [w, ...SYNONYMS[w]!.split(' ')] : [w]));
  const codes = [...new Set(raw.toUpperCase().match(/\b[A-Z]{1,4}[0-9][A-Z0-9]{1,9}\b/g) ?? [])];
  // Counts and class names ("18", "2a") name no topic; "3d" does.
  // Any form of booking or enrolling ("iscrivi", "prenotalo", "iscriverti") asks to act; it names nothing.
  const cover = [...new Set(topical)].filter((w) => !NOT_TOPICAL.has(w) && !isVerbForm(w) && !/^(prenot|iscriv)[a-z]*$/.test(w) && !/^\d+$/.test(w) && !(/^[1-5][a-z]$/.test(w) && w !== '3d')).map((w) => (Object.hasOwn(SYNONYMS, w) ? `${w} ${SYNONYMS[w]}` : w));
  return { text: [...new Set(expanded)].join(' '), literal: topical.join(' '), cover, codes, filters, preferComuni, preferKinds };
}

/**
 * An infinitive with a pronoun joined ("prenderlo", "richiederlo", "iscrivermi") or a gerund
 * ("frequentando") says what to do with a topic, never which: "posso prenderlo frequentando la sera?".
 * The endings each kind of verb takes are the ones no catalogue noun shares ("reparti", "esperti",
 * "commerci" and "esterne" end like a verb with a pronoun, but not like one of its own kind).
 */
export function isVerbForm(word: string): boolean {
  return /^[a-z]{3,}(?:ar(?:lo|la|li|le|mi|ci|vi|si|ne|gli)|er(?:lo|la|li|le|mi|gli)|ir(?:lo|la|li|le|mi|ti|ci|vi|si|ne|gli)|(?:and|end)o(?:lo|la|li|le|mi|ti|ci|vi|si|ne)?)$/.test(word);
}
