/**
 * Text as PostgreSQL will store it. It refuses NUL in any text and a lone surrogate in JSON (a
 * turn is stored as JSON): half an emoji — a cut through a surrogate pair, or a broken client —
 * failed the whole turn. Everything a person sends goes through here before it is kept or cut.
 */

// C0 controls but tab, line feed and carriage return; DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Without control characters (tab and line breaks stay) and without lone surrogates. */
export function storable(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '');
}

/** At most `max` UTF-16 code units, never half a character: a cut through a surrogate pair drops the whole pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
}
