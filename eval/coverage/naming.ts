import type { School, Site } from '../../domain/model/index.js';
import { fold, words } from '../../text/normalize.js';
import { containsPhrase } from '../reply-text.js';

/**
 * How a question names a record: formally, quoting its name as the catalogue writes it, and
 * colloquially, the way people type it (lower case, no accents, the main words only).
 */
export interface Names {
  /** «Stampa 3D: dalla modellazione al prototipo», for templates that add their own noun. */
  T: string;
  /** With its article, as a subject: "il laboratorio «FabLab» della sede «…»", "la scuola primaria «…» di Asola". */
  il: string;
  /** With "di" and its article: "del laboratorio …", "della scuola primaria …". */
  di: string;
  /** English, with its article where it needs one: "the primary school «…» in Asola". */
  en: string;
  /** Colloquial: "stampa 3d", "fablab fermi", "elementari cividale rivarolo mantovano". */
  s: string;
  /** Two records sharing this key cannot be told apart by the question. */
  key: string;
}

const quote = (name: string) => `«${name.replace(/["“”«»]/g, '').replace(/\s+/g, ' ').trim()}»`;

/** The main words of a title: before a colon, a parenthesis or " - ", when they say enough. */
export function mainWords(title: string): string {
  const cut = (title.split(/\s*[:(]|\s+-\s+/)[0] ?? title).trim();
  const main = words(cut.replace(/["“”«»]/g, ' '));
  // An acronym is how people name it: "DID - Dichiarazione di immediata disponibilità" is "la did".
  return main.length >= 1 && (main.join(' ').length >= 4 || /^[A-Z0-9]{2,}$/.test(cut)) ? main.join(' ') : words(title).join(' ');
}

/** A short name is taken only if no other record's name holds it too; else the whole name. */
export function shortName(title: string, others: readonly string[], short: (t: string) => string = mainWords): string {
  const candidate = short(title);
  const full = words(title.replace(/["“”«»]/g, ' ')).join(' ');
  if (candidate === full) return full;
  return others.some((o) => containsPhrase(o, candidate)) ? full : candidate;
}

const SITE_DROPPED = new Set(['iis', 'is', 'itis', 'ipsia', 'isis', 'i', 's', 'e', 'ed', 'di', 'del', 'della', 'dei', 'delle', 'per', 'l', 'g', 'f']);

/** "FabLab e laboratori IIS "E. Fermi"" -> "fablab lab fermi": school abbreviations and initials go, "laboratorio" is "lab". */
export function siteWords(name: string): string {
  const out: string[] = [];
  for (const w of words(name.replace(/["“”«»]/g, ' '))) {
    if (SITE_DROPPED.has(w) || w.length === 1) continue;
    const word = /^laborator/.test(w) ? 'lab' : w;
    // "FabLab e laboratori" is the FabLab: "fablab lab" says "lab" twice.
    if (word === 'lab' && (out.at(-1) ?? '').endsWith('lab')) continue;
    if (out.at(-1) !== word) out.push(word);
  }
  return out.join(' ') || words(name).join(' ');
}

const siteShort = (name: string) => siteWords(name.split(/\s+-\s+/)[0] ?? name);

export function siteNames(site: Site, others: readonly string[]): Names {
  const s = shortName(site.name, others.map(siteWords), siteShort);
  const short = s === words(site.name.replace(/["“”«»]/g, ' ')).join(' ') ? siteWords(site.name) : s;
  return { T: quote(site.name), il: `la sede ${quote(site.name)}`, di: `della sede ${quote(site.name)}`, en: quote(site.name), s: short, key: fold(site.name) };
}

/** A lab of a site: named by itself and its site when the site has several, else by the site. */
export function labNames(site: Site, lab: string | undefined, siteN: Names): Names {
  if (lab === undefined) {
    return { T: siteN.T, il: `il laboratorio della sede ${siteN.T}`, di: `del laboratorio della sede ${siteN.T}`, en: `the lab at ${siteN.T}`, s: `il lab di ${siteN.s}`, key: `${siteN.key}/lab` };
  }
  const labShort = siteWords(lab);
  const s = siteN.s.includes(labShort) ? siteN.s : `${labShort.startsWith('lab') ? '' : 'lab '}${labShort} ${siteN.s}`;
  return {
    T: `${quote(lab)} (${siteN.T})`,
    il: `il laboratorio ${quote(lab)} della sede ${siteN.T}`,
    di: `del laboratorio ${quote(lab)} della sede ${siteN.T}`,
    en: `the ${quote(lab)} lab at ${siteN.T}`,
    s,
    key: `${siteN.key}/${fold(lab)}`,
  };
}

/** Course, service, initiative: the title quoted, with the noun of the kind. */
export function titledNames(kind: 'course' | 'service' | 'initiative', title: string, others: readonly string[]): Names {
  const T = quote(title);
  const s = shortName(title, others);
  switch (kind) {
    case 'course':
      return { T, il: `il corso ${T}`, di: `del corso ${T}`, en: T, s, key: fold(title) };
    case 'service':
      return { T, il: `il servizio ${T}`, di: `del servizio ${T}`, en: T, s, key: fold(title) };
    case 'initiative':
      return { T, il: `l'iniziativa ${T}`, di: `dell'iniziativa ${T}`, en: T, s, key: fold(title) };
  }
}

/** What the registry's school types are called in a question, and the words an answer about the type may use. */
export interface SchoolType {
  it: string;
  /** "la", "l'", "il": the article of `it`. */
  article: string;
  colloquial: string;
  en: string;
  forms: string[];
}

const SCHOOL_TYPES: [RegExp, SchoolType][] = [
  [/INFANZIA|MATERNA/, { it: "scuola dell'infanzia", article: 'la', colloquial: 'materna', en: 'nursery school', forms: ['infanzia', 'materna', 'asilo', 'nursery', 'kindergarten', 'preschool', 'pre-school'] }],
  [/PRIMARIA|ELEMENTARE/, { it: 'scuola primaria', article: 'la', colloquial: 'elementari', en: 'primary school', forms: ['primaria', 'elementar', 'primary', 'elementary'] }],
  [/PRIMO GRADO/, { it: 'scuola secondaria di primo grado', article: 'la', colloquial: 'medie', en: 'middle school', forms: ['primo grado', 'scuola media', 'scuole medie', 'middle school', 'lower secondary', 'junior high'] }],
  [/COMPRENSIVO/, { it: 'istituto comprensivo', article: "l'", colloquial: 'comprensivo', en: 'comprehensive school', forms: ['comprensivo', 'comprehensive'] }],
  [/CENTRO TERRITORIALE/, { it: 'CPIA', article: 'il', colloquial: 'cpia', en: 'adult education centre', forms: ['cpia', 'centro territoriale', 'centro provinciale', 'istruzione degli adulti', 'adult education', 'adult learning'] }],
  [/LICEO/, { it: 'liceo', article: 'il', colloquial: 'liceo', en: 'high school', forms: ['liceo', 'lyceum', 'high school'] }],
  [/IST(ITUTO)? PROF/, { it: 'istituto professionale', article: "l'", colloquial: 'professionale', en: 'vocational school', forms: ['professional', 'vocational'] }],
  [/ISTITUTO TECNICO/, { it: 'istituto tecnico', article: "l'", colloquial: 'tecnico', en: 'technical institute', forms: ['tecnic', 'technical'] }],
  [/MAGISTRALE/, { it: 'istituto magistrale', article: "l'", colloquial: 'magistrale', en: 'teacher-training school', forms: ['magistrale', 'teacher training'] }],
  [/SUPERIORE|SECONDO GRADO/, { it: 'scuola superiore', article: 'la', colloquial: 'superiori', en: 'secondary school', forms: ['superior', 'secondo grado', 'secondaria di secondo', 'high school', 'upper secondary', 'secondary school'] }],
];

export function schoolType(type: string): SchoolType {
  const upper = type.toUpperCase();
  for (const [re, t] of SCHOOL_TYPES) if (re.test(upper)) return t;
  const it = fold(type);
  return { it, article: /^[aeiou]/.test(it) ? "l'" : 'la', colloquial: it, en: `school (${type.toLowerCase()})`, forms: [it] };
}

const di = (article: string) => (article === "l'" ? "dell'" : article === 'il' ? 'del' : 'della');
const spaced = (article: string) => (article.endsWith("'") ? article : `${article} `);

/** "CASA MARIA" -> "Casa Maria": the registry writes in capitals, people do not. */
export function titleCase(name: string): string {
  const clean = name.replace(/["“”«»]/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean !== clean.toUpperCase()) return clean;
  const lower = clean.toLowerCase().replace(/(^|[\s'’(/-])(\p{L})/gu, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
  // Initials and two-letter codes stay as written: "I.S. FERMI MN" is "I.S. Fermi MN".
  return lower.replace(/(?<=^|\s)(\p{L}\.)+(?=\s|$)|(?<=^|\s)\p{L}{2}(?=\s|$)/gu, (t) => (/^(di|da|in|il|lo|la|le|al|del|ed)$/i.test(t) ? t.toLowerCase() : t.toUpperCase()));
}

const TYPE_IN_NAME = /\b(scuola|materna|infanzia|asilo|primaria|elementar\w*|media|medie|liceo|istituto|ist|cpia|ic|is|iis)\b/;

/**
 * A school: by its type, its name and, unless `withComune` is false or the name says it, its comune
 * ("la scuola primaria «Cividale» di Rivarolo Mantovano"). `withType` false leaves the type out.
 */
export function schoolNames(school: School & { comuneName?: string }, options: { withComune?: boolean; withType?: boolean } = {}): Names {
  const { withComune = true, withType = true } = options;
  const type = schoolType(school.type);
  const name = titleCase(school.name);
  const comune = school.comuneName ? titleCase(school.comuneName) : undefined;
  const showComune = withComune && comune !== undefined && !fold(name).includes(fold(comune));
  const T = quote(name);
  const place = showComune ? ` di ${comune}` : '';
  const placeEn = showComune ? ` in ${comune}` : '';
  const typeSaid = TYPE_IN_NAME.test(fold(name));
  const s = [withType && !typeSaid ? type.colloquial : '', fold(name), showComune ? fold(comune!) : ''].filter(Boolean).join(' ');
  if (!withType) {
    // A name that says it is a school needs no "la scuola" before it.
    const [il, di, en] = typeSaid ? [T, `di ${T}`, T] : [`la scuola ${T}`, `della scuola ${T}`, `the school ${T}`];
    return { T, il: `${il}${place}`, di: `${di}${place}`, en: `${en}${placeEn}`, s, key: `${fold(name)}|${showComune ? fold(comune!) : ''}` };
  }
  return {
    T,
    il: `${spaced(type.article)}${type.it} ${T}${place}`,
    di: `${spaced(di(type.article))}${type.it} ${T}${place}`,
    en: `the ${type.en} ${T}${placeEn}`,
    s,
    key: `${type.it}|${fold(name)}|${showComune ? fold(comune!) : ''}`,
  };
}
