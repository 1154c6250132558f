import type { Logger } from '../logger.js';

const COUNTED = new Set<PropertyKey>(['warn', 'error', 'fatal']);

/**
 * The logger every component gets, counting each error it is told about (a log call at warn or
 * above carrying `err`) by code: `orienta_errors_total` then covers the engine, the HTTP server
 * and every channel without any of them knowing about metrics.
 */
export function countingErrors(logger: Logger, count: (error: unknown) => void): Logger {
  return new Proxy(logger, {
    get(target, prop) {
      if (COUNTED.has(prop)) {
        const log = Reflect.get(target, prop, target) as (...args: unknown[]) => void;
        return (obj: unknown, ...rest: unknown[]) => {
          if (obj !== null && typeof obj === 'object' && 'err' in obj) count((obj as { err: unknown }).err);
          return log.call(target, obj, ...rest);
        };
      }
      if (prop === 'child') return (...args: Parameters<Logger['child']>) => countingErrors(target.child(...args) as unknown as Logger, count);
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
