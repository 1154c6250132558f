import type { Lang } from '../../domain/message.js';
import { cut as cutText } from '../../text/storable.js';

const LOCALE: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

/** "12 gennaio 2027" / "12 January 2027": a calendar date (YYYY-MM-DD) read as a day, never shifted by a zone. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(lang, 'date', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

// Making an Intl formatter costs far more than using one, and an answer formats dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}:${key}`;
  let f = formatters.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(id, (f = new Intl.DateTimeFormat(LOCALE[lang], options)));
  return f;
}
function numberFormat(lang: Lang, digits: { min: number; max: number }): Intl.NumberFormat {
  const id = `${lang}:n${digits.min}-${digits.max}`;
  let f = formatters.get(id) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(id, (f = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits.min, maximumFractionDigits: digits.max })));
  return f;
}

/** A moment shown as the time in Mantova: "martedì 12 gennaio 2027, 14:30". */
export function formatDateTime(iso: string, lang: Lang, allDay = false): string {
  const at = new Date(iso);
  const options: Intl.DateTimeFormatOptions = allDay
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' }
    : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' };
  return dateFormat(lang, allDay ? 'day' : 'moment', options).format(at);
}

/** "120 €" / "€120": amounts in euro as people in Italy and abroad write them. */
export function formatMoney(amount: number, lang: Lang): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  const n = numberFormat(lang, { min: digits, max: 2 }).format(amount);
  return lang === 'it' ? `${n} €` : `€${n}`;
}

export function formatKm(km: number, lang: Lang): string {
  return `${numberFormat(lang, { min: 0, max: km < 10 ? 1 : 0 }).format(km)} km`;
}

/** Keeps a chat bubble short: cut at a sentence or word boundary with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const head = cutText(t, max);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '));
  return stop > max * 0.6 ? head.slice(0, stop + 1) : `${head.slice(0, head.lastIndexOf(' '))}…`;
}

/** Button labels: platforms cut long ones mid-word, so cut them ourselves at a word. */
export function shortLabel(label: string, max = 60): string {
  if (label.length <= max) return label;
  const head = cutText(label, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,.:;(-]+$/, '')}…`;
}
