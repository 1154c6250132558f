import { AMBIGUOUS_NAMES, FIRST_NAMES } from './first-names.js';
import { fold } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

/** What a value the log must not show is replaced with, whole (the log's redaction, Slack's SDK lines). */
export const REDACTED = '[redacted]';

/**
 * Personal data out of free text, for what staff read or share (draft eval cases, demand reports):
 * emails, phones, fiscal codes, IBANs, booking codes, handles, birth dates, long numbers, street
 * addresses and people's names become placeholders. It errs on the side of removing: a course
 * title that loses a word is a small price, a phone number left in a shared file is not.
 */
export const PLACEHOLDER = {
  name: '<nome>',
  phone: '<telefono>',
  email: '<email>',
  address: '<indirizzo>',
  fiscalCode: '<codice-fiscale>',
  iban: '<iban>',
  bookingCode: '<codice-prenotazione>',
  handle: '<utente>',
  birthDate: '<data-di-nascita>',
  number: '<numero>',
  contact: '<contatto>',
} as const;

export interface RedactOptions {
  /** The whole text is this, because the assistant had just asked for it ("Come ti chiami?"). */
  whole?: 'name' | 'contact';
  /** Folded word pairs that name places and records, not people ("enrico fermi", "castel goffredo"): see keepPairs. */
  keep?: ReadonlySet<string>;
}

const SEP = String.raw`(?:\s*(?:\.|\(dot\)|\[dot\]|\s(?:dot|punto)\s)\s*)`;
const EMAIL = new RegExp(String.raw`[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\]|\s(?:at|chiocciola)\s)\s*[\p{L}\p{N}-]+(?:${SEP}[\p{L}\p{N}-]+)*${SEP}\p{L}{2,}(?![\p{L}\p{N}])`, 'giu');
// Omocodia replaces digits with L-V, so positions that hold digits may hold those letters too.
const FISCAL_CODE = /\b[a-z]{6}[0-9lmnp-v]{2}[abcdehlmprst][0-9lmnp-v]{2}[a-z][0-9lmnp-v]{3}[a-z]\b/gi;
const IBAN = /\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,3})?\b/gi;
// Codes leave out 0/O, 1/I/L. "LTO sede" has the shape of one: without a dash, a digit or capitals it is words.
const BOOKING_CODE = /\blto([-\s]?)([a-hjkmnp-z2-9]{4})\b/gi;
const ABOUT_A_BOOKING = /\b(annulla|annullare|cancella|disdici|disdire|codice|prenotazione|cancel|code|booking)\b[^.?!\n]{0,20}$/i;
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[a-z][\w.]{3,31}/giu;
const BIRTH = /\b(nat[oa]|nascita|born|birth|d\.o\.b\.?|dob)\b([^\d\n]{0,40}?)(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+\p{L}{3,10}\s+\d{4}|\p{L}{3,10}\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})/giu;
// A real day and month, not part of a longer run of digits: "12.34.567" is the end of a phone.
const DATE = /(?<![\d./-])(?:(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:\d{4}|\d{2})|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![./-]?\d)/g;
// Landlines (0 + area code) and mobiles (3xx), +39 or 0039 optional, grouped by spaces, dots, dashes or slashes.
const IT_PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)\s?39[\s.-]?)?\(?(?:0\d{1,3}|3\d{2})\)?(?:[\s.\/-]?\d{2,4}){1,4}(?![\p{L}\p{N}])/gu;
const INTL_PHONE = /(?<![\p{L}\p{N}])(?:\+|00)\d{1,3}(?:[\s.\/-]?\(?\d{1,4}\)?){2,6}(?![\p{L}\p{N}])/gu;
const LONG_NUMBER = /(?<![\p{L}\p{N}])\d{7,}(?![\p{L}\p{N}])/gu;
const EN_ADDRESS = /\b\d{1,4}\s+(?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:[Ss]treet|St|[Rr]oad|Rd|[Aa]venue|Ave|[Ll]ane|Ln|[Dd]rive|[Ww]ay|[Cc]lose)\b\.?/gu;

const STREET = /\b(via|viale|v\.le|piazza|piazzale|p\.zza|p\.za|vicolo|strada|str\.|largo|contrada|localit[aà]|loc\.|lungo\p{L}+|corso|c\.so)(?=[\s,])/giu;
/** Words inside a street name that are stopwords elsewhere: "via della Repubblica", "piazza San Giovanni". */
const STREET_JOINERS = new Set(['di', 'del', 'dello', 'della', 'dei', 'degli', 'delle', 'de', 'd', 'san', 'santa', 'santo', 'sant', 'xx', 'xxv', 'iv']);

const STRONG_CUE = /\b(mi chiamo|si chiama|mi chiamano|chiamatemi|il mio nome (?:è|e'|e)|my name is|name is|call me|a nome di|(?:nome e cognome|cognome e nome|nome|cognome|first name|last name|surname|name)\s*:)\s*/giu;
const WEAK_CUE = /\b(sono|io sono|i am|i'm|im|this is)\s+/giu;
const HONORIFIC = /\b(prof\.?ssa|prof\.?|professor(?:e|essa)?|dott\.?ssa|dott\.?|dottor(?:e|essa)?|dr\.?|sig\.?(?:ra|na)?|signor(?:a|e|ina)?|mr\.?|mrs\.?|ms\.?|miss|maestr[ao]|ing\.?|avv\.?)(?=\s)\s+/giu;
/** A given name after these is part of a place or an institution: "San Giorgio", "Castel Goffredo", "liceo Virgilio". */
const PLACE_WORDS = new Set(
  'san santa sant santo castel castello villa borgo porto via viale piazza corso istituto liceo scuola iis itis itc ipsia isis cfp ic fondazione centro teatro museo palazzo ospedale'.split(' '),
);
const GREETINGS = new Set('ciao salve buongiorno buonasera hello hi hey dear caro cara gentile grazie thanks'.split(' '));
/** Capitalised after "I am" / "sono" without being a name. */
const NOT_NAMES = new Set(
  ('italian italiano italiana english inglese indian indiano indiana moroccan marocchino marocchina romanian rumeno rumena albanian albanese ' +
    'chinese cinese ukrainian ucraino ucraina pakistani student studente studentessa teacher docente unemployed disoccupato disoccupata ' +
    'interessato interessata looking new nuovo nuova lto orienta i im').split(' '),
).add('i m');
const CONTROL_WORDS = /^(no|si|sì|ok|annulla|basta|stop|cancel|no grazie|lascia stare|yes|help|aiuto)$/i;

interface Token {
  start: number;
  end: number;
  folded: string;
  cap: boolean;
}

const WORD = /[\p{L}](?:[\p{L}-]|['’](?=\p{L}))*/gu;

function tokens(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]), cap: /^\p{Lu}/u.test(m[0]) }));
}

/** Only spaces between two tokens: a comma or a full stop ends a name. */
const adjacent = (text: string, a: Token, b: Token) => /^[ \t]+$/.test(text.slice(a.end, b.start));

/** Private-use markers: what is already a placeholder (or a date) is never read again as a name or a phone. */
class Masks {
  private readonly held: string[] = [];
  put(value: string): string {
    this.held.push(value);
    return `\uE000${String.fromCharCode(0xe100 + this.held.length - 1)}\uE001`;
  }
  restore(text: string): string {
    return text.replace(/\uE000(.)\uE001/gu, (_, c: string) => this.held[c.charCodeAt(0) - 0xe100] ?? '');
  }
}

const digits = (s: string) => s.replace(/\D/g, '').length;

export function redact(input: string, options: RedactOptions = {}): string {
  // Control characters carry nothing a reader needs, and a stray marker must not look like ours.
  let text = input.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000-\uF8FF]/g, '');
  if (options.whole === 'name' && looksLikeName(text)) return PLACEHOLDER.name;
  const masks = new Masks();
  const put = (placeholder: string) => masks.put(placeholder);

  text = text.replace(EMAIL, () => put(PLACEHOLDER.email));
  text = text.replace(FISCAL_CODE, (m) => (/\d/.test(m) ? put(PLACEHOLDER.fiscalCode) : m));
  text = text.replace(IBAN, (m) => (digits(m) >= 10 ? put(PLACEHOLDER.iban) : m));
  text = text.replace(BOOKING_CODE, (m, sep: string, code: string, at: number, whole: string) =>
    sep === '-' || /\d/.test(code) || code === code.toUpperCase() || ABOUT_A_BOOKING.test(whole.slice(0, at)) ? put(PLACEHOLDER.bookingCode) : m,
  );
  text = text.replace(HANDLE, () => put(PLACEHOLDER.handle));
  text = text.replace(BIRTH, (_, cue: string, between: string) => `${cue}${between}${put(PLACEHOLDER.birthDate)}`);
  // Dates hold digit groups that read like a phone ("03/12/2026"): set aside, given back at the end.
  text = text.replace(DATE, (m) => masks.put(m));
  text = text.replace(INTL_PHONE, (m) => (/^(\+|00)39/.test(m.replace(/\s/g, '')) ? m : digits(m) >= 8 && digits(m) <= 15 ? put(PLACEHOLDER.phone) : m));
  text = text.replace(IT_PHONE, (m) => {
    const national = m.replace(/\D/g, '').replace(/^(0039|39)(?=[03])/, '');
    return national.length >= 8 && national.length <= 11 ? put(PLACEHOLDER.phone) : m;
  });
  text = text.replace(LONG_NUMBER, () => put(PLACEHOLDER.number));
  text = text.replace(EN_ADDRESS, () => put(PLACEHOLDER.address));
  text = streetAddresses(text, put);
  text = names(text, options.keep ?? new Set(), put);

  if (options.whole === 'contact' && !text.includes('\uE000') && /[@\d]/.test(text)) return PLACEHOLDER.contact;
  return masks.restore(text);
}

/** An answer to "what is your name?": a few words of letters, not "no" or "annulla". */
function looksLikeName(text: string): boolean {
  const t = text.trim();
  return /^[\p{L}][\p{L}'’ .-]{1,79}$/u.test(t) && t.split(/\s+/).length <= 5 && !CONTROL_WORDS.test(t);
}

/** Replaces spans (overlapping ones merged) by one placeholder each. */
function replaceSpans(text: string, spans: [number, number][], by: () => string): string {
  if (spans.length === 0) return text;
  const merged: [number, number][] = [];
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const placeholder = by();
  let out = '';
  let at = 0;
  for (const [start, end] of merged) {
    out += text.slice(at, start) + placeholder;
    at = end;
  }
  return out + text.slice(at);
}

/** "via Roma 12", "piazza Sordello", "Corso Vittorio Emanuele II 15"; not "corso di saldatura". */
function streetAddresses(text: string, put: (p: string) => string): string {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(STREET)) {
    const keyword = fold(m[1]!);
    const at = m.index + m[0].length;
    const words: { cap: boolean }[] = [];
    const rest = text.slice(at);
    // A word, not a code: "corso C014" is a course.
    const word = /^[ \t]+([\p{L}](?:[\p{L}.-]|['’](?=\p{L}))*)(?![\p{N}])/u;
    let cursor = 0;
    for (let i = 0; i < 5; i++) {
      const w = rest.slice(cursor).match(word);
      if (!w) break;
      const f = fold(w[1]!);
      const cap = /^\p{Lu}/u.test(w[1]!);
      if (!cap && STOPWORDS.has(f) && !STREET_JOINERS.has(f)) break;
      words.push({ cap });
      cursor += w[0].length;
    }
    const number = rest.slice(cursor).match(/^,?[ \t]*(?:n\.?|nr\.?|numero)?[ \t]*\d{1,4}(?:\/?[a-z])?(?![\p{L}\p{N}])/iu);
    const firstCap = words[0]?.cap ?? false;
    const isCorso = keyword === 'corso' || keyword === 'c so';
    if (words.length === 0) continue;
    if (isCorso && !firstCap) continue;
    if (number) spans.push([m.index, at + cursor + number[0].length]);
    else if (firstCap && (!isCorso || words.filter((w) => w.cap).length >= 2)) {
      // Without a number only the capitalised words belong to the name: "via Roma e poi" keeps "e poi".
      let end = 0;
      let consumed = 0;
      for (let i = 0; i < words.length; i++) {
        const w = rest.slice(consumed).match(word)!;
        consumed += w[0].length;
        if (words[i]!.cap) end = consumed;
      }
      spans.push([m.index, at + end]);
    }
  }
  return replaceSpans(text, spans, () => put(PLACEHOLDER.address));
}

/** People's names: after "mi chiamo" and the like, after a title, and around a known given name. */
function names(text: string, keep: ReadonlySet<string>, put: (p: string) => string): string {
  const toks = tokens(text);
  const spans: [number, number][] = [];
  const tokenAt = (pos: number) => toks.findIndex((t) => t.start >= pos);
  const isName = (t: Token) => !STOPWORDS.has(t.folded) || t.cap;

  const after = (from: number, { lowercase, max }: { lowercase: number; max: number }): number | undefined => {
    const i = tokenAt(from);
    const first = toks[i];
    if (!first || !/^[ \t:]*$/.test(text.slice(from, first.start))) return undefined;
    let end: number | undefined;
    let lower = 0;
    for (let k = i; k < toks.length && k < i + max; k++) {
      const t = toks[k]!;
      if (k > i && !adjacent(text, toks[k - 1]!, t)) break;
      if (!t.cap) {
        if (STOPWORDS.has(t.folded) || lower >= lowercase) break;
        lower++;
      }
      if (!isName(t) || NOT_NAMES.has(t.folded)) break;
      end = t.end;
    }
    return end;
  };

  for (const m of text.matchAll(STRONG_CUE)) {
    const end = after(m.index + m[0].length, { lowercase: 2, max: 3 });
    if (end !== undefined) spans.push([m.index + m[0].length, end]);
  }
  for (const m of text.matchAll(WEAK_CUE)) {
    const end = after(m.index + m[0].length, { lowercase: 0, max: 3 });
    const next = toks[tokenAt(m.index + m[0].length)];
    if (end !== undefined && next && !PLACE_WORDS.has(next.folded)) spans.push([m.index + m[0].length, end]);
  }
  for (const m of text.matchAll(HONORIFIC)) {
    const end = after(m.index + m[0].length, { lowercase: 0, max: 3 });
    if (end !== undefined) spans.push([m.index, end]);
  }

  const short = toks.length <= 4;
  toks.forEach((t, i) => {
    const prev = toks[i - 1] && adjacent(text, toks[i - 1]!, t) ? toks[i - 1] : undefined;
    const next = toks[i + 1] && adjacent(text, t, toks[i + 1]!) ? toks[i + 1] : undefined;
    const known = FIRST_NAMES.has(t.folded) || (AMBIGUOUS_NAMES.has(t.folded) && t.cap && next?.cap === true);
    if (!known) return;
    if (prev && (PLACE_WORDS.has(prev.folded) || keep.has(`${prev.folded} ${t.folded}`))) return;
    if (next && keep.has(`${t.folded} ${next.folded}`)) return;
    let start = t.start;
    let end = t.end;
    // "Rossi Giulia", the way forms write it.
    if (prev && prev.cap && !STOPWORDS.has(prev.folded) && !GREETINGS.has(prev.folded) && !NOT_NAMES.has(prev.folded)) start = prev.start;
    for (let k = i + 1; k < toks.length && k <= i + 2; k++) {
      const n = toks[k]!;
      if (!adjacent(text, toks[k - 1]!, n) || STOPWORDS.has(n.folded)) break;
      if (!n.cap && !short) break;
      end = n.end;
    }
    spans.push([start, end]);
  });
  return replaceSpans(text, spans, () => put(PLACEHOLDER.name));
}

/** The word pairs of catalogue titles and comuni, so "Enrico Fermi" the school and "Castel Goffredo" the town stay. */
export function keepPairs(names: Iterable<string>): Set<string> {
  const pairs = new Set<string>();
  for (const name of names) {
    const w = fold(name).split(' ');
    for (let i = 0; i + 1 < w.length; i++) pairs.add(`${w[i]} ${w[i + 1]}`);
  }
  return pairs;
}
