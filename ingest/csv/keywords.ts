import { fold } from '../../text/normalize.js';
import type { Parsed } from './parse-values.js';

/**
 * Keyword tables turn a partner's words into the model's enums: each entry is a list of phrases
 * and the value they stand for. Phrases are matched as whole words on folded text (case and
 * accents ignored), so "Modalità: In presenza" and "in presenza" agree.
 */
export type KeywordTable<T> = readonly (readonly [phrases: readonly string[], value: T])[];

const padded = (s: string) => ` ${fold(s)} `;

/** Table phrases are constants matched against every row: each is folded once. */
const needles = new Map<string, string>();
const needleOf = (phrase: string) => {
  let needle = needles.get(phrase);
  if (needle === undefined) needles.set(phrase, (needle = padded(phrase)));
  return needle;
};

// "Giovani e adulti non più studenti" is not for students: a phrase right after "non" does not count.
const NEGATED = / non( piu)? $/;
/** The longest text NEGATED can match (" non piu "): only that much before a phrase is looked at. */
const NEGATION_SPAN = 9;

function matches(haystack: string, phrases: readonly string[]): boolean {
  for (const p of phrases) {
    const needle = needleOf(p);
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      if (!NEGATED.test(haystack.slice(Math.max(0, at + 1 - NEGATION_SPAN), at + 1))) return true;
    }
  }
  return false;
}

/**
 * The values of every entry with a phrase in the text, per table and text: a column of a large
 * file repeats the same few words ("In presenza", "Base") on every row.
 */
const found = new WeakMap<KeywordTable<unknown>, Map<string, readonly unknown[]>>();
const FOUND_KEPT = 2000;

function matchesOf<T>(text: string, table: KeywordTable<T>): readonly T[] {
  let memo = found.get(table);
  if (!memo) found.set(table, (memo = new Map()));
  let values = memo.get(text) as readonly T[] | undefined;
  if (values === undefined) {
    const hay = padded(text);
    values = [...new Set(table.filter(([phrases]) => matches(hay, phrases)).map(([, v]) => v))];
    if (memo.size >= FOUND_KEPT) memo.clear();
    memo.set(text, values);
  }
  return values;
}

/** The value of the first entry with a phrase in the text. */
export function firstMatch<T>(text: string, table: KeywordTable<T>): T | undefined {
  return matchesOf(text, table)[0];
}

/** The values of every entry with a phrase in the text, once each, in table order. */
export function allMatches<T>(text: string, table: KeywordTable<T>): T[] {
  return [...matchesOf(text, table)];
}

/** A transform for a column that must name one value of the table. */
export function oneOf<T>(table: KeywordTable<T>, what: string): (text: string) => Parsed<T> {
  const known = table.map(([phrases]) => `"${phrases[0]}"`).join(', ');
  return (text) => {
    const value = firstMatch(text, table);
    return value === undefined ? { error: `"${text}" is not a known ${what} (known: ${known})` } : { value };
  };
}

/** A transform for a column listing values of the table ("Italiano, inglese"); each must be known. */
export function eachOf<T>(table: KeywordTable<T>, what: string): (items: string[]) => Parsed<T[]> {
  const one = oneOf(table, what);
  return (items) => {
    const values: T[] = [];
    for (const item of items) {
      const r = one(item);
      if ('error' in r) return r;
      if (!values.includes(r.value)) values.push(r.value);
    }
    return { value: values };
  };
}
