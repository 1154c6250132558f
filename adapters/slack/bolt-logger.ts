import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { REDACTED, redact } from '../../text/redact.js';

type Pino = {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export interface BoltLoggerOptions {
  /** LOG_TEXTS: the bodies bolt and its Web API client log may appear whole (debugging only). */
  logTexts?: boolean;
}

/**
 * What of one of bolt's arguments may go into the line. Bolt and the Web API client log whole
 * request and response bodies ("http request body: {…}") — a handoff's transcript with the
 * person's name, phone and e-mail — as strings the log's field redaction cannot see into: a
 * body goes, the words before it stay, and what is left loses any contact or name in it.
 */
function safe(arg: unknown, logTexts: boolean): string {
  if (typeof arg !== 'string') return logTexts ? JSON.stringify(arg) : REDACTED;
  if (logTexts) return arg;
  const body = arg.search(/[[{"]/);
  return redact(body < 0 ? arg : `${arg.slice(0, body).trimEnd()} ${REDACTED}`);
}

/** Bolt and its WebClient log through Orienta's logger, so Slack's lines land in the same stream with the same fields. */
export function boltLogger(log: Pino, options: BoltLoggerOptions = {}): BoltLogger {
  const logTexts = options.logTexts ?? false;
  const line = (args: unknown[]) => args.filter((a) => !(a instanceof Error)).map((a) => safe(a, logTexts)).join(' ');
  const fields = (args: unknown[]) => {
    const err = args.find((a) => a instanceof Error);
    return err ? { err } : {};
  };
  return {
    debug: (...args: unknown[]) => log.debug(fields(args), line(args)),
    info: (...args: unknown[]) => log.info(fields(args), line(args)),
    warn: (...args: unknown[]) => log.warn(fields(args), line(args)),
    error: (...args: unknown[]) => log.error(fields(args), line(args)),
    // The level is Orienta's (LOG_LEVEL); bolt's own setting is not another switch.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
