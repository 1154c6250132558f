/**
 * The checkable facts of a text: what a model must not invent. Each fact has a `key` in a normal
 * form, so "12/01/2027", "2027-01-12" and "12 gennaio 2027" compare equal, as do "€ 1.200" and
 * "1200,00 euro", or "+39 0376 123456" and "0376-123456".
 *
 * 'claim' mode reads an answer and is strict about what counts (no false alarms on "4B", "24
 * studenti", "3D"); 'source' mode reads records and is lenient (a bare "cost: 120", "14.30"), since
 * a fact wrongly found in a source can only make the guard more permissive about that same value.
 */
export type FactKind = 'email' | 'url' | 'date' | 'amount' | 'time' | 'phone' | 'code';

export interface Fact {
  kind: FactKind;
  /** As written. */
  text: string;
  /**
   * date: YYYY-MM-DD, --MM-DD (no year) or YYYY-MM (a month); time: H:MM; amount: the number;
   * phone: national digits; email: lower case; url: lower case without scheme, www. and final /;
   * code: upper case.
   */
  key: string;
}

export type ExtractMode = 'claim' | 'source';

const MONTHS: Record<string, number> = {
  gennaio: 1, febbraio: 2, marzo: 3, aprile: 4, maggio: 5, giugno: 6, luglio: 7, agosto: 8, settembre: 9, ottobre: 10, novembre: 11, dicembre: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const ITALIAN_MONTHS = new Set(Object.keys(MONTHS).slice(0, 12));
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;

/** English months are capitalised in English text; lower case "may" or "march" is a verb. */
function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (!ITALIAN_MONTHS.has(lower) && word[0] !== word[0]!.toUpperCase()) return undefined;
  return MONTHS[lower];
}

const pad = (n: number) => String(n).padStart(2, '0');
const validDay = (d: number, m: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

// A number with optional thousands and decimals, Italian or English style: 1.200,50 | 1,200.50 | 350.00 | 120
const NUM = String.raw`\d{1,3}(?:[.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;

export function parseAmount(text: string): number {
  const s = text.replace(/'/g, '');
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (last < 0) return Number(s);
  // Three digits after the last separator make it a thousands separator: "1.200" is 1200.
  if (s.length - last - 1 === 3) return Number(s.replace(/[.,]/g, ''));
  return Number(`${s.slice(0, last).replace(/[.,]/g, '')}.${s.slice(last + 1)}`);
}
const amountKey = (n: number) => String(Math.round(n * 100) / 100);

/** Codes that look like catalogue codes but are everyday words here: a motorway, a tax form, "open 24 hours". */
const NOT_CODES = /^(A[1-9]\d?|F24|F23|H24|COVID-19|PM10)$/;

type Rule = { kind: FactKind; re: RegExp; key: (m: RegExpExecArray) => string | undefined; modes?: ExtractMode[] };

const rules: Rule[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, key: (m) => m[0].toLowerCase() },
  {
    kind: 'url',
    re: /\bhttps?:\/\/[^\s<>"'()[\]]+|(?<![\w@./-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:it|com|org|net|eu|info)\b(?:\/[^\s<>"'()[\]]*)?/gi,
    key: (m) => urlKey(m[0]),
  },
  // ISO, also inside a date-time: 2027-01-12, 2027-01-12T14:30:00+01:00
  { kind: 'date', re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, key: (m) => (validDay(+m[3]!, +m[2]!) ? `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}` : undefined) },
  // 12/01/2027, 12.01.27, 12-01-2027 (one separator throughout)
  {
    kind: 'date',
    re: /(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,]\d)/g,
    key: (m) => (validDay(+m[1]!, +m[3]!) ? `${fullYear(m[4]!)}-${pad(+m[3]!)}-${pad(+m[1]!)}` : undefined),
  },
  // 12 gennaio 2027, 1° marzo, 12th of January, 12 Jan 2027
  {
    kind: 'date',
    re: new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:°|º|st|nd|rd|th)?(?:\s+of)?\s+${MONTH}(?:,?\s+(\d{4}))?(?![\p{L}])`, 'giu'),
    key: (m) => {
      const month = monthOf(m[2]!);
      if (!month || !validDay(+m[1]!, month)) return undefined;
      return m[3] ? `${m[3]}-${pad(month)}-${pad(+m[1]!)}` : `--${pad(month)}-${pad(+m[1]!)}`;
    },
  },
  // January 12, January 12th, 2027
  {
    kind: 'date',
    re: new RegExp(String.raw`(?<![\p{L}])${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d\p{L}])(?:,?\s+(\d{4})(?!\d))?`, 'giu'),
    key: (m) => {
      const month = monthOf(m[1]!);
      if (!month || ITALIAN_MONTHS.has(m[1]!.toLowerCase()) || !validDay(+m[2]!, month)) return undefined;
      return m[3] ? `${m[3]}-${pad(month)}-${pad(+m[2]!)}` : `--${pad(month)}-${pad(+m[2]!)}`;
    },
  },
  // gennaio 2027, January 2027: a month, compared with any date in it
  {
    kind: 'date',
    re: new RegExp(String.raw`(?<![\p{L}])${MONTH}\s+(\d{4})(?!\d)`, 'giu'),
    key: (m) => {
      const month = monthOf(m[1]!);
      return month ? `${m[2]}-${pad(month)}` : undefined;
    },
  },
  // 12/1 (day/month); "24/7" is opening hours
  {
    kind: 'date',
    re: /(?<![\d/.,])(\d{1,2})\/(\d{1,2})(?![\d/])/g,
    key: (m) => (m[0] !== '24/7' && validDay(+m[1]!, +m[2]!) ? `--${pad(+m[2]!)}-${pad(+m[1]!)}` : undefined),
  },
  { kind: 'amount', re: new RegExp(String.raw`(?:€|\bEUR\b)\s*(${NUM})(?!\d)`, 'g'), key: (m) => amountKey(parseAmount(m[1]!)) },
  { kind: 'amount', re: new RegExp(String.raw`(?<![\d.,])(${NUM})\s*(?:€|(?:euro|eur|euros)\b)`, 'gi'), key: (m) => amountKey(parseAmount(m[1]!)) },
  {
    kind: 'amount',
    // English "free" alone is too often about places or time ("3 places are free", "free on Tuesday").
    re: /\b(gratis|gratuit[oaie]|free of charge|for free|at no cost|senza costi?|(?:it|course|lab|event|service|session|workshop)(?:'s|\s+is)\s+(?:completely\s+|totally\s+)?free\b(?!\s+(?:on|at|from|in|until)\b))/gi,
    key: () => '0',
    modes: ['claim'],
  },
  // Records state prices as fields: "costo: 120", "cost":0, "quota 50"; and "free" means 0.
  { kind: 'amount', re: new RegExp(String.raw`\b(?:costo|costs?|prezzo|price|quota|tariffa|fee)["']?\W{0,3}(${NUM})(?!\d)`, 'gi'), key: (m) => amountKey(parseAmount(m[1]!)), modes: ['source'] },
  // Not a bare "free": "7 places free" says nothing about the price.
  { kind: 'amount', re: /\b(gratis|gratuit\w*|free of charge|for free|at no cost|senza costi?|(?:cost|costo|price|prezzo)\W{0,3}free)\b/gi, key: () => '0', modes: ['source'] },
  // 14:30, 9:00, 2:30 pm
  { kind: 'time', re: /(?<![\d:.,])([01]?\d|2[0-4]):([0-5]\d)(?!\d)(?:\s?([ap])\.?m\b\.?)?/gi, key: (m) => `${hour24(+m[1]!, m[3])}:${m[2]}` },
  { kind: 'time', re: /\b(?:ore|alle|dalle|entro le|at|from|until)\s+([01]?\d|2[0-4])\.([0-5]\d)(?![\d.,])/gi, key: (m) => `${+m[1]!}:${m[2]}`, modes: ['claim'] },
  { kind: 'time', re: /(?<![\d.,])([01]?\d|2[0-4])\.([0-5]\d)(?![\d.,])/g, key: (m) => `${+m[1]!}:${m[2]}`, modes: ['source'] },
  { kind: 'time', re: /\bore\s+([01]?\d|2[0-4])(?![\d.:,])/gi, key: (m) => `${+m[1]!}:00`, modes: ['source'] },
  // Italian numbers: +39 0376 123456, 0376.123456, (0376) 12 34 56, 333 123 4567, 800 123456
  { kind: 'phone', re: /(?<![\w+.,/-])((?:\+|00)39[ .-]?)?(\(?(?:0\d{1,3}|3\d{2}|8\d{2})\)?(?:[ ./-]?\d{2,8}){1,4})(?!\d)/g, key: phoneKey },
  {
    kind: 'code',
    re: /(?<![\p{L}\d_-])([A-Z]{1,5}\d{2,}[A-Z0-9]*|[A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)(?![\p{L}\d_]|-[\p{L}\d])/gu,
    key: (m) => (/\d/.test(m[0]) && /[A-Z]/.test(m[0]) && !NOT_CODES.test(m[0]) ? m[0] : undefined),
    modes: ['claim'],
  },
];

function hour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem || hour > 12) return hour;
  return (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
}

function urlKey(raw: string): string {
  return raw.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
}

/** National digits, 8 to 11 of them; a group too many (a number that follows) is dropped. */
function phoneKey(m: RegExpExecArray): string | undefined {
  const groups = m[2]!.split(/[ ./()-]+/).filter(Boolean);
  while (groups.length > 1 && groups.join('').length > 11) groups.pop();
  const digits = groups.join('');
  return digits.length >= 8 && digits.length <= 11 ? digits : undefined;
}

// Trailing punctuation belongs to the sentence, not to the URL.
const trimUrl = (s: string) => s.replace(/[.,;:!?»"']+$/, '');

export function extractFacts(text: string, mode: ExtractMode = 'claim'): Fact[] {
  // Non-breaking and thin spaces are common in prices ("120 €") and phones.
  let rest = text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[\u2010-\u2013]/g, '-');
  const facts: Fact[] = [];
  for (const rule of rules) {
    if (rule.modes && !rule.modes.includes(mode)) continue;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const spans: [number, number][] = [];
    while ((m = rule.re.exec(rest))) {
      if (rule.kind === 'url') m[0] = trimUrl(m[0]);
      const key = rule.key(m);
      if (key === undefined) continue;
      facts.push({ kind: rule.kind, text: m[0].trim(), key });
      spans.push([m.index, m.index + m[0].length]);
    }
    // Blank what was read, so "12.01.2027" is not also a time and "C001" in a URL not also a code.
    for (const [from, to] of spans) rest = rest.slice(0, from) + ' '.repeat(to - from) + rest.slice(to);
  }
  return facts;
}
