import type { Command } from 'commander';
import { createLogger } from '../../../app/logger.js';
import { startOrienta } from '../../../app/orienta.js';
import { createHttpApp, listen } from '../../server.js';
import { configFrom, type GlobalOptions } from '../context.js';
import { UsageError } from '../errors.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the assistant: HTTP server, channels, and the store shared with other orienta commands')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .action(async (opts: { port?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      if (opts.port !== undefined && !/^\d+$/.test(opts.port)) throw new UsageError(`--port must be a number, not "${opts.port}"`);
      const config = configFrom(globals, opts.port ? { PORT: opts.port } : {});
      const logger = createLogger(config.LOG_LEVEL);
      const orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
      let server;
      try {
        server = await listen(createHttpApp(orienta), config.PORT, config.HOST);
      } catch (error) {
        await orienta.close();
        throw error;
      }
      logger.info({ port: server.port, store: orienta.store.db.description, vector: orienta.store.vector }, `listening on http://${config.HOST}:${server.port}`);
      await new Promise<void>((resolve) => {
        const stop = async (signal: string) => {
          logger.info({ signal }, 'shutting down');
          // Stop taking requests, let those in flight finish, then release the store.
          await server.close();
          await orienta.close();
          resolve();
        };
        process.once('SIGTERM', () => void stop('SIGTERM'));
        process.once('SIGINT', () => void stop('SIGINT'));
      });
    });
}
