import type { Command } from 'commander';
import { createLogger } from '../../../app/logger.js';
import { startOrienta } from '../../../app/orienta.js';
import { schedulePurge } from '../../../app/privacy.js';
import { createHttpApp } from '../../../app/http-app.js';
import { listen } from '../../server.js';
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
      const logger = createLogger(config.LOG_LEVEL, { logTexts: config.LOG_TEXTS });
      const orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
      let server;
      try {
        // Ready before it listens: the first visitors get a trained engine, not its training.
        await orienta.engine().warmUp();
        server = await listen(createHttpApp(orienta), config.PORT, config.HOST);
      } catch (error) {
        await orienta.close();
        throw error;
      }
      // One channel that cannot start (a platform down, a revoked token) leaves the others serving.
      const started: string[] = [];
      for (const channel of orienta.channels) {
        try {
          await channel.start?.();
          started.push(channel.name);
        } catch (error) {
          logger.error({ err: error, channel: channel.name }, `channel ${channel.name} failed to start; the others keep serving`);
        }
      }
      const purge = schedulePurge(orienta.privacy, config.PURGE_INTERVAL_MINUTES, orienta.logger);
      logger.info({ port: server.port, store: orienta.store.db.description, vector: orienta.store.vector, channels: started }, `listening on http://${config.HOST}:${server.port} (channels: ${started.join(', ')})`);
      await new Promise<void>((resolve) => {
        const stop = async (signal: string) => {
          logger.info({ signal }, 'shutting down');
          // Stop taking updates and requests, let the turns in flight finish, then release the store.
          await Promise.allSettled(orienta.channels.map((c) => c.stop?.()));
          await server.close();
          await orienta.kit.drain();
          await purge.stop();
          await orienta.close();
          resolve();
        };
        process.once('SIGTERM', () => void stop('SIGTERM'));
        process.once('SIGINT', () => void stop('SIGINT'));
      });
    });
}
