import type { Place } from '../../domain/ports.js';
import type { Audience, Level } from '../../domain/model/index.js';
import { understandQuery, type ComuneName } from '../../knowledge/search/query-understanding.js';
import { fold } from '../../text/normalize.js';
import { parseDatePhrase } from '../../time/italian-dates.js';
import type { Lang } from './language.js';

export interface Entities {
  comune?: Place;
  near?: Place;
  dates?: { from: string; to: string; matched: string };
  audience?: Audience[];
  level?: Level;
  freeOnly?: boolean;
  maxCost?: number;
  online?: boolean;
  codes: { id: string; kind: string }[];
  bookingCode?: string;
  groupSize?: number;
  className?: string;
  /** The person's age when they say it ("ho 16 anni", "I'm 15"). */
  age?: number;
  /** A time of day ("alle 9", "at 10:30"), as HH:MM. */
  time?: string;
  email?: string;
  phone?: string;
  targetLanguage?: Lang;
  feedback?: 'positive' | 'negative';
}

/** Lower case and accents folded, but punctuation kept: "€", "@", "+39" and "LTO-" carry meaning here. */
export function soften(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

// Booking codes leave out 0/O, 1/I/L so they can be read aloud and typed back.
export const BOOKING_CODE = /\blto[-\s]?([a-hjkmnp-z2-9]{4})\b/i;
export const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// +39 / 0039, then a landline (0 + area code) or a mobile (3xx), digits grouped by spaces, dots or dashes.
// Groups of two or more digits only, so a list of small numbers is not a phone; the digit count is checked after.
export const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)39[\s.-]?)?(?:0\d{1,3}|3\d{2})(?:[\s.\/-]?\d{2,4}){1,4}(?![\p{L}\p{N}])/gu;

const COST =
  /\b(?:meno di|sotto (?:i |ai )?|massimo|max|fino a|non piu di|al massimo|entro (?:i )?|budget(?: di)?|under|less than|below|up to|at most|no more than|cheaper than|max of)\s*(?:€|euro|eur)?\s*(\d{1,5}(?:[.,]\d{1,2})?)\s*(€|euro|eur|euros)?/;

const PEOPLE =
  '(?:studenti|studentesse|student[ie]|ragazz[ieao]|alunn[ie]|allievi|allieve|persone|partecipanti|posti|bambini|iscritti|people|persons|students|pupils|kids|seats|participants|places|attendees|learners)';
const NUMBER_WORDS: Record<string, number> = {
  due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10, venti: 20, trenta: 30,
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20, thirty: 30,
};
const NUMBER = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
const GROUP: RegExp[] = [
  new RegExp(`\\b${NUMBER}\\s+${PEOPLE}\\b`),
  new RegExp(`\\b(?:gruppo|group|classe|class|team) (?:di|of) (?:circa |about )?${NUMBER}\\b`),
  new RegExp(`\\b(?:siamo|saremo|we are|we're|there are|there will be) (?:in )?(?:circa |about )?${NUMBER}\\b`),
  new RegExp(`\\b(?:per|for) ${NUMBER}\\b(?!\\s*(?:€|euro|eur|ore|hours|giorni|days|minuti|minutes|anni|years))`),
];

// "4B", "la mia 3A", "classe 5C"; a bare "3D" is printing unless "classe"/"la" says otherwise.
// Italian classes go from 1 to 5; international schools' grades ("my class 11B") up to 13.
const CLASS_AFTER_WORD = /\b(?:classe|class|la mia|mia|la nostra|nostra|la|della|alla|per la|my|our|the|con la|with)\s+([1-9]|1[0-3])\s*[°ª^]?\s*([a-z])\b(?![\p{L}\p{N}])/iu;
const CLASS_BARE = /(?<![\p{L}\p{N}])([1-9]|1[0-3])([A-Z])(?![\p{L}\p{N}])/u;

function number(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

function targetLanguage(folded: string): Lang | undefined {
  const langWord = (w: string): Lang => (/^(inglese|english|en)$/.test(w) ? 'en' : 'it');
  let hit = folded.match(/\b(?:in|parla|parlami|parli|parlate|rispondi|rispondimi|rispondere|scrivi|scrivimi|passa a|passiamo a|passare a|cambia lingua in)\s+(?:l )?(inglese|italiano)\b/);
  if (hit) return langWord(hit[1]!);
  hit = folded.match(/\b(?:speak|speaks|switch to|change to|in|answer in|reply in|talk in|write in|talk to me in|language)\s+(english|italian)\b/);
  if (hit) return langWord(hit[1]!);
  hit = folded.match(/^(?:(?:in )?(english|italian|inglese|italiano|en|it))(?: please| per favore| grazie)?$/);
  if (hit) return langWord(hit[1]!);
  hit = folded.match(/\b(english|italian) please\b/);
  if (hit) return langWord(hit[1]!);
  return undefined;
}

const POSITIVE = /👍|😀|😊|🙂|❤|\b(utile|utili|perfett[oa]|ottim[oa]|chiar[oa]|bravo|brava|mi ha aiutato|mi e servit[oa]|useful|helpful|great|perfect|clear|good answer|well done|thumbs up)\b/u;
const NEGATIVE = /👎|😡|😞|🙁|\b(non (mi )?(e )?(stat[oa] )?(utile|servit[oa]|chiar[oa])|inutile|inutili|sbagliat[oa]|errat[oa]|pessim[oa]|non ha senso|non hai capito|not (helpful|useful|clear)|useless|wrong|unhelpful|bad answer|thumbs down|doesn t help|didn t help)\b/u;

export function feedbackPolarity(text: string): 'positive' | 'negative' | undefined {
  const t = soften(text).replace(/[’']/g, ' ');
  if (NEGATIVE.test(t)) return 'negative';
  if (POSITIVE.test(t)) return 'positive';
  return undefined;
}

export interface EntityContext {
  comuni: readonly ComuneName[];
  /** Upper-cased record id -> the record's id as stored and its kind. */
  ids: ReadonlyMap<string, { id: string; kind: string }>;
}

/** Every entity the words carry; which ones matter is the engine's call given the intent. */
export function extractEntities(text: string, today: string, context: EntityContext): Entities {
  const soft = soften(text);
  const folded = fold(text);
  const entities: Entities = { codes: [] };

  const booking = text.match(BOOKING_CODE);
  if (booking) entities.bookingCode = `LTO-${booking[1]!.toUpperCase()}`;
  const email = text.match(EMAIL);
  if (email) entities.email = email[0].toLowerCase();
  // Emails and booking codes are taken out first so their digits are not read as a phone or a group.
  let rest = soft.replace(EMAIL, ' ').replace(BOOKING_CODE, ' ');
  for (const candidate of rest.match(PHONE) ?? []) {
    const compact = candidate.replace(/[\s.\/-]/g, '').replace(/^0039/, '+39');
    const national = compact.replace(/^\+39/, '');
    if (national.length < 9 || national.length > 11) continue;
    entities.phone = compact;
    rest = rest.replace(candidate, ' ');
    break;
  }

  const seen = new Set<string>();
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const known = context.ids.get(token.toUpperCase());
    if (known && !seen.has(known.id)) {
      seen.add(known.id);
      entities.codes.push(known);
    }
  }

  const query = understandQuery(text, today, context.comuni);
  const { filters } = query;
  if (filters.comune) entities.comune = filters.comune;
  else if (query.preferComuni[0] && !filters.near) entities.comune = query.preferComuni[0];
  if (filters.near) {
    const { radiusKm: _radius, ...place } = filters.near;
    entities.near = place;
  }
  if (filters.audience?.length) entities.audience = filters.audience;
  if (filters.level) entities.level = filters.level;
  if (filters.freeOnly) entities.freeOnly = true;
  if (filters.online) entities.online = true;
  const dates = parseDatePhrase(folded, today) ?? numericDate(rest, today);
  if (dates) entities.dates = dates;
  const time = timeOf(rest, folded);
  if (time) entities.time = time;

  const cost = rest.match(COST);
  // A bare "meno di 20" is as likely people as euros: only a currency makes it a price.
  if (cost && (cost[2] || /€|euro|eur/.test(cost[0]))) entities.maxCost = Number(cost[1]!.replace(',', '.'));
  if (!cost && /\b(costo zero|gratis|gratuit[oaie]|free)\b/.test(folded)) entities.freeOnly = true;

  const noCost = cost ? rest.replace(cost[0], ' ') : rest;
  for (const re of GROUP) {
    const hit = noCost.match(re);
    if (hit) {
      const n = number(hit[1]!);
      if (n >= 1 && n <= 9999) entities.groupSize = n;
      break;
    }
  }

  for (const re of [CLASS_AFTER_WORD, CLASS_BARE]) {
    const hit = text.match(re);
    if (!hit) continue;
    const name = `${hit[1]}${hit[2]!.toUpperCase()}`;
    const after = text.slice(hit.index! + hit[0].length);
    // "3D" next to printing words, or a bare "3D" anywhere, is the technology.
    if (name === '3D' && (re === CLASS_BARE || /^\s*(print|stamp|model|scan|design|cad)/i.test(after))) continue;
    entities.className = name;
    break;
  }

  const age = folded.match(/\b(?:ho|ha|abbiamo|hanno|compio|compie|di|sono un\w* di|i m|i am|he s|she s|he is|she is|aged?)\s+(\d{1,2})(?:\s+(?:anni|years?(?: old)?|yo))?\b/) ?? folded.match(/\b(\d{1,2})\s+(?:anni|years old|year old|yo)\b/);
  if (age && Number(age[1]) >= 5 && Number(age[1]) <= 99 && (/anni|year|yo\b/.test(age[0]) || /^(i m|i am)/.test(age[0]))) entities.age = Number(age[1]);

  const lang = targetLanguage(folded);
  if (lang) entities.targetLanguage = lang;
  return entities;
}

/** "15/12", "14/12/2026": a day written in numbers, the next one to come when the year is left out. */
function numericDate(soft: string, today: string): Entities['dates'] | undefined {
  const hit = soft.match(/(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?![\d/.-])/);
  if (!hit) return undefined;
  const day = Number(hit[1]);
  const month = Number(hit[2]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const thisYear = Number(today.slice(0, 4));
  let year = hit[3] ? Number(hit[3].length === 2 ? `20${hit[3]}` : hit[3]) : thisYear;
  if (!hit[3] && `${year}-${pad(month)}-${pad(day)}` < today) year += 1;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return { from: date, to: date, matched: hit[0] };
}

/** "alle 9", "ore 10:30", "at 9am", "9.30": a time of day as HH:MM. */
function timeOf(soft: string, folded: string): string | undefined {
  const pad = (h: number, m: number) => (h >= 0 && h <= 23 && m >= 0 && m <= 59 ? `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` : undefined);
  let hit = soft.match(/(?<![\d/.:-])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d/.:-])\s*(am|pm)?/);
  if (hit) return pad(Number(hit[1]) + (hit[3] === 'pm' && Number(hit[1]) < 12 ? 12 : 0), Number(hit[2]));
  hit = folded.match(/\b(?:alle|ore|delle|dalle|verso le|at|from|h)\s+(\d{1,2})(?:\s+e\s+(mezza|mezzo|un quarto))?(?:\s+([0-5]\d))?\s*(am|pm)?\b(?!\s*(?:anni|years|studenti|ragazzi|alunni|persone|posti|people|students))/) ?? folded.match(/\b(\d{1,2})\s*(am|pm)\b/);
  if (!hit) return undefined;
  if (hit.length === 3) return pad(Number(hit[1]) + (hit[2] === 'pm' && Number(hit[1]) < 12 ? 12 : 0), 0);
  const h = Number(hit[1]) + (hit[4] === 'pm' && Number(hit[1]) < 12 ? 12 : 0);
  const m = hit[2] ? (hit[2].startsWith('mezz') ? 30 : 15) : hit[3] ? Number(hit[3]) : 0;
  return pad(h, m);
}
