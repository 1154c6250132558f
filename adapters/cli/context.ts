import { loadConfig, type Config } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startOrienta, type Orienta, type StartOptions } from '../../app/orienta.js';

export interface GlobalOptions {
  dataDir?: string;
  now?: string;
  lang?: string;
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

/** The environment, with the global options (and a command's own, like `serve --port`) winning. */
export function configFrom(globals: GlobalOptions, own: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig(process.env, {
    ...own,
    ...(globals.dataDir ? { ORIENTA_DATA_DIR: globals.dataDir } : {}),
    ...(globals.now ? { ORIENTA_NOW: globals.now } : {}),
    ...(globals.lang ? { ORIENTA_LANG: globals.lang } : {}),
  });
}

/** Runs a command with the store open and always closes it, so the data dir lock is released. */
export async function withOrienta<T>(globals: GlobalOptions, options: StartOptions, fn: (o: Orienta) => Promise<T>): Promise<T> {
  const config = configFrom(globals);
  const logger = createLogger(options.serve ? config.LOG_LEVEL : process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', { logTexts: config.LOG_TEXTS });
  const orienta = await startOrienta(config, logger, options);
  try {
    return await fn(orienta);
  } finally {
    await orienta.close();
  }
}
