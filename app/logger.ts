import pino from 'pino';
import { REDACTED } from '../text/redact.js';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** LOG_TEXTS: what people write may appear in the log (debugging only). */
  logTexts?: boolean;
  /** Where the lines go; stderr by default. */
  destination?: pino.DestinationStream;
}

export { REDACTED };

/**
 * Fields that name or reach a person, a failed statement's parameters and a database error's
 * detail and context (PGlite and PostgreSQL quote the offending values there: `where` holds
 * "JSON data, line 1: …" with the message being stored), and credentials. Always removed: the log
 * outlives an erasure request.
 */
const PERSONAL = [
  'name', 'contact', 'email', 'phone', 'address', 'className', 'summary',
  'userName', 'firstName', 'lastName', 'first_name', 'last_name', 'username', 'phone_number',
  'ip', 'remoteAddress', 'params', 'detail', 'where', 'internalQuery', 'authorization', 'cookie', 'set-cookie',
];
/**
 * What people wrote, replies that quote it back, and the grounding guard's violations (a model's
 * answer may repeat the person's phone or name). Removed unless LOG_TEXTS is on.
 */
const TEXTS = ['text', 'caption', 'messages', 'reply', 'history', 'transcript', 'body', 'bodyAsText', 'blocks', 'query', 'violations'];

/** Deep enough for a platform update logged whole (`update.callback_query.message.text`); anything deeper is not looked into, so it is not written either. */
const MAX_DEPTH = 4;

/**
 * A value an error message quotes after a colon or a comma: PostgreSQL's `invalid input syntax for
 * type integer: "<what was sent>"`, V8's `Unexpected token 'G', "<the body>"... is not valid JSON`.
 * Names of relations and constraints follow a word, and stay.
 */
const QUOTED_VALUE = /([:,]\s*)"(?:[^"\\\n]|\\.)*"/g;

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of the log object without the hidden fields, wherever a log call put them; untouched
 * objects are passed on as they are. Errors are serialized first so their own fields are seen.
 * (pino's path-based `redact` costs about 100 µs a line with wildcards this deep; this, under 1.)
 */
function scrub(value: unknown, hidden: ReadonlySet<string>, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const next = scrub(v, hidden, depth + 1);
      changed ||= next !== v;
      return next;
    });
    return changed ? out : value;
  }
  const error = value instanceof Error;
  if (!error && !isPlain(value)) return value;
  // A serialized error is a fresh object, free to change; anything else is copied before a change.
  const source = (error ? withoutQuotedValues(pino.stdSerializers.err(value)) : value) as Record<string, unknown>;
  let out: Record<string, unknown> | undefined = error ? source : undefined;
  for (const [key, v] of Object.entries(source)) {
    const next = hidden.has(key) ? (v === undefined ? v : REDACTED) : scrub(v, hidden, depth + 1);
    if (next !== v) (out ??= { ...source })[key] = next;
  }
  return out ?? source;
}

/** The values a serialized error's message (its causes' too) and stack quote, replaced; what failed and where stays. */
function withoutQuotedValues(err: pino.SerializedError): pino.SerializedError {
  const clean = (s: unknown) => (typeof s === 'string' ? s.replace(QUOTED_VALUE, `$1"${REDACTED}"`) : s);
  return Object.assign(err, { message: clean(err.message), stack: clean(err.stack) });
}

/**
 * Logs go to stderr, so `--json` output on stdout stays clean for scripts. Any field that could
 * carry personal data is redacted wherever a log call puts it, so a careless `{ update }` in an
 * adapter cannot leak a student's message or name.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const hidden = new Set([...PERSONAL, ...(options.logTexts ? [] : TEXTS)]);
  return pino(
    {
      level,
      base: { app: 'orienta' },
      formatters: { log: (object) => scrub(object, hidden, 0) as Record<string, unknown> },
      // Errors arrive here already serialized (and scrubbed) by the formatter.
      serializers: { err: (e: unknown) => (e instanceof Error ? pino.stdSerializers.err(e) : e) },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
