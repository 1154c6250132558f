/**
 * Parsers for the cells of Italian spreadsheets. Each returns `{ value }` (undefined when the cell
 * is empty) or `{ error }`, a sentence a partner can act on; the engine adds file, line and column.
 */
export type Parsed<T> = { value: T } | { error: string };
export type CellParser<T> = (text: string) => Parsed<T | undefined>;

export const isError = <T>(p: Parsed<T>): p is { error: string } => 'error' in p;

const EMPTY = { value: undefined } as const;

/** Registries and exports write these where they mean "no value". */
const PLACEHOLDER = /^(non disponibile|n\.?\s?d\.?|n\/d|n\/a|-+|–|—)$/i;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim());
}

/** The cell as typed, trimmed; inner line breaks are kept (descriptions span several lines). */
export const text: CellParser<string> = (t) => {
  const v = t.trim();
  return v && !isPlaceholder(v) ? { value: v } : EMPTY;
};

/** Free text where "Nessuno"/"Nessuna" means there is nothing to say (requirements, certificates). */
export const textOrNone: CellParser<string> = (t) => (/^(nessun[oa]|none)$/i.test(t.trim()) ? EMPTY : text(t));

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy or d/m/yyyy (what Excel exports in Italy); ISO dates are accepted as they are. */
export const date: CellParser<string> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  const it = v.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  const iso = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const [d, m, y] = it ? [Number(it[1]), Number(it[2]), Number(it[3])] : iso ? [Number(iso[3]), Number(iso[2]), Number(iso[1])] : [0, 0, 0];
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return { error: `"${v}" is not a date (dd/mm/yyyy)` };
  return { value: `${y}-${pad(m)}-${pad(d)}` };
};

/** 9:00, 09:00, 9.00 -> "09:00". */
export const time: CellParser<string> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  const hit = v.match(/^(\d{1,2})[:.](\d{2})$/);
  const [h, m] = hit ? [Number(hit[1]), Number(hit[2])] : [99, 99];
  if (h > 23 || m > 59) return { error: `"${v}" is not a time (hh:mm, e.g. 9:00 or 14:30)` };
  return { value: `${pad(h)}:${pad(m)}` };
};

const FREE = /^(gratuit[oaie]|gratis|free|0)$/i;
// An Italian amount: 350, 120,00, 1.250,50 (dot groups thousands, comma is the decimal mark).
const AMOUNT = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?`;
const PRICE = new RegExp(String.raw`^(?:€|eur|euro)?\s*(${AMOUNT})\s*(?:€|eur|euro)?$`, 'i');
const AMOUNT_IN_TEXT = new RegExp(String.raw`(?:€\s*(${AMOUNT})|(${AMOUNT})\s*(?:€|euro\b|eur\b))`, 'gi');

const toNumber = (amount: string) => Number(amount.replace(/\./g, '').replace(',', '.'));

/** "Gratuito", "gratis", "0", "120,00 €", "€ 350", "1.250,50 €" -> euro (0 = free). */
export const price: CellParser<number> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  if (FREE.test(v)) return { value: 0 };
  const hit = v.match(PRICE);
  if (hit) return { value: toNumber(hit[1]!) };
  return { error: `"${v}" is not a price (write "Gratuito" or an amount such as "120,00 €")` };
};

export interface PriceWithNote {
  amount: number;
  /** The cell itself when it says more than an amount ("30,00 € (materiali)"). */
  note?: string;
}

/**
 * A price cell that may carry words around the amount. With several amounts the highest is kept
 * ("Gratuito con Dote Unica Lavoro; altrimenti 900,00 €" -> 900): calling a course free when
 * some people pay is worse than the reverse, and the note keeps the partner's words for the answer.
 */
export const priceWithNote: CellParser<PriceWithNote> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  const plain = price(v);
  if (!isError(plain)) return { value: { amount: plain.value! } };
  const amounts = [...v.matchAll(AMOUNT_IN_TEXT)].map((m) => toNumber((m[1] ?? m[2])!));
  if (amounts.length > 0) return { value: { amount: Math.max(...amounts), note: v } };
  if (/\b(gratuit[oaie]|gratis)\b/i.test(v)) return { value: { amount: 0, note: v } };
  return { error: `"${v}" has no amount: write "Gratuito" or a price such as "120,00 €" (words may follow, e.g. "30,00 € (materiali)")` };
};

/** A yes/no or checkbox column: "Sì", "Si", "X" are yes; "No" and an empty cell are no. */
export const yesNo: CellParser<boolean> = (t) => {
  const v = t.trim().toLowerCase();
  if (['sì', 'si', 'sí', 'x', 'yes', 'y', 'true', 'vero', '1'].includes(v)) return { value: true };
  if (['no', 'n', '', 'false', 'falso', '0'].includes(v)) return { value: false };
  return { error: `"${t.trim()}" is neither yes nor no (write "Sì" or "No")` };
};

/** 12, 1.000 (a dot groups thousands in Italian). */
export const integer: CellParser<number> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  if (/^\d+$/.test(v) || /^\d{1,3}(\.\d{3})+$/.test(v)) return { value: Number(v.replace(/\./g, '')) };
  return { error: `"${v}" is not a whole number` };
};

/** 40, 12,5 (comma as the decimal mark). */
export const decimal: CellParser<number> = (t) => {
  const v = t.trim();
  if (!v) return EMPTY;
  if (/^\d+(,\d+)?$/.test(v)) return { value: Number(v.replace(',', '.')) };
  return { error: `"${v}" is not a number (e.g. 40 or 12,5)` };
};

// A part that starts with one of these qualifies the item before it ("Il tuo curriculum, se ce l'hai").
const QUALIFIER = /^(se|solo se|qualora|quando|purché|ove|if|when|only if)\b/;

/**
 * Several values in one cell: split on ";" when the cell has one (so commas inside items survive,
 * "Rossi, Bianchi & C."), otherwise on ","; items are trimmed and empty ones dropped.
 */
export const list: CellParser<string[]> = (t) => {
  const v = t.trim();
  if (!v || isPlaceholder(v)) return EMPTY;
  const sep = v.includes(';') ? ';' : ',';
  const items: string[] = [];
  for (const raw of v.split(sep)) {
    const item = raw.trim();
    if (!item || isPlaceholder(item)) continue;
    if (sep === ',' && QUALIFIER.test(item) && items.length > 0) items[items.length - 1] += `, ${item}`;
    else items.push(item);
  }
  return items.length > 0 ? { value: items } : EMPTY;
};

/** An email address as written, lower-cased (registries mix cases). */
export const email: CellParser<string> = (t) => {
  const v = text(t);
  return !isError(v) && v.value !== undefined ? { value: v.value.toLowerCase() } : v;
};

/** A web address with the registry's slips mended: "https//x" -> "https://x", host lower-cased. */
export const website: CellParser<string> = (t) => {
  const v = text(t);
  if (isError(v) || v.value === undefined) return v;
  const mended = v.value.replace(/^(https?)\/\/+/i, '$1://').replace(/^(https?):\/*/i, (_m, s: string) => `${s.toLowerCase()}://`);
  const hit = mended.match(/^((?:https?:\/\/)?)([^/?#]+)(.*)$/i);
  return { value: hit ? `${hit[1]}${hit[2]!.toLowerCase()}${hit[3]}` : mended };
};
