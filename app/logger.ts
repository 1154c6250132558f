import pino from 'pino';

export type Logger = pino.Logger;

/** Logs go to stderr, so `--json` output on stdout stays clean for scripts. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'orienta' } }, pino.destination({ fd: 2, sync: true }));
}
