import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

type Pino = {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

/** Bolt and its WebClient log through Orienta's logger, so Slack's lines land in the same stream with the same fields. */
export function boltLogger(log: Pino): BoltLogger {
  const line = (args: unknown[]) => args.filter((a) => !(a instanceof Error)).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
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
