import { performance } from 'node:perf_hooks';
import type { Engine } from '../../bot/engine.js';
import type { InboundMessage } from '../../domain/message.js';
import type { OrientaMetrics } from './metrics.js';

type Log = { info(obj: object, msg: string): void };

/**
 * Counts and times every turn, whichever channel it came from, and logs one line per turn with its
 * conversation id; what the person wrote only with LOG_TEXTS. Wrapped here, at the composition
 * root, so the engine itself knows nothing of metrics.
 */
export function instrumentEngine(engine: Engine, metrics: OrientaMetrics, logger: Log, options: { logTexts?: boolean } = {}): Engine {
  const handle = engine.handle.bind(engine);
  engine.handle = async (inbound: InboundMessage) => {
    const started = performance.now();
    const reply = await handle(inbound);
    const ms = performance.now() - started;
    metrics.turn(inbound.channel, reply.intent, ms / 1000);
    logger.info(
      {
        conversationId: reply.conversationId,
        channel: inbound.channel,
        intent: reply.intent,
        ms: Math.round(ms),
        ...(options.logTexts && typeof inbound.text === 'string' ? { text: inbound.text } : {}),
      },
      'turn',
    );
    return reply;
  };
  return engine;
}
