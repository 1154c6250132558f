import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** LOG_TEXTS: what people write may appear in the log (debugging only). */
  logTexts?: boolean;
  /** Where the lines go; stderr by default. */
  destination?: pino.DestinationStream;
}

export const REDACTED = '[redacted]';

/**
 * Fields that name or reach a person, a failed statement's parameters and a database error's
 * detail (PGlite and PostgreSQL quote the offending values there), and credentials. Always removed:
 * the log outlives an erasure request.
 */
const PERSONAL = [
  'name', 'contact', 'email', 'phone', 'address', 'className', 'summary',
  'userName', 'firstName', 'lastName', 'first_name', 'last_name', 'username', 'phone_number',
  'ip', 'remoteAddress', 'params', 'detail', 'authorization', 'cookie', 'set-cookie',
];
/**
 * What people wrote, replies that quote it back, and the grounding guard's violations (a model's
 * answer may repeat the person's phone or name). Removed unless LOG_TEXTS is on.
 */
const TEXTS = ['text', 'caption', 'messages', 'reply', 'history', 'transcript', 'body', 'violations'];

/** Deep enough for a platform update logged whole (`update.callback_query.message.text`). */
const MAX_DEPTH = 4;

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
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
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
  const source = (error ? pino.stdSerializers.err(value) : value) as Record<string, unknown>;
  let out: Record<string, unknown> | undefined = error ? source : undefined;
  for (const [key, v] of Object.entries(source)) {
    const next = hidden.has(key) ? (v === undefined ? v : REDACTED) : scrub(v, hidden, depth + 1);
    if (next !== v) (out ??= { ...source })[key] = next;
  }
  return out ?? source;
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
