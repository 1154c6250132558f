import { fixedClock } from '../../domain/clock.js';
import { loadConfig } from '../../app/config.js';
import { createEngine, type EngineOverrides, type WiredEngine } from '../../app/create-engine.js';
import type { Engine } from '../../bot/engine.js';
import { RICH, type Capabilities, type InboundMessage, type Reply } from '../../domain/message.js';
import type { Database } from '../../knowledge/db/database.js';
import { HashedNgramEmbedder } from '../../knowledge/embedders/hashed-ngram-embedder.js';
import { openSampleStore, REFERENCE_NOW } from './sample-store.js';
import type { VectorCapability } from '../../knowledge/db/vector.js';

const silent = { info() {}, warn() {}, error() {} };

/**
 * An engine over a store, built by the composition root's createEngine with the config's defaults
 * (never the environment's), a fixed clock, a silent log and no one notified of bookings. `extra`
 * replaces any of those or any port.
 */
export async function wiredOver(db: Database, vector: VectorCapability, extra: Partial<EngineOverrides> = {}): Promise<WiredEngine> {
  const wired = await createEngine({ db, vector }, loadConfig({}), {
    logger: silent,
    clock: fixedClock(REFERENCE_NOW),
    embedder: new HashedNgramEmbedder(),
    notifier: { notify: async () => {} },
    ...extra,
  });
  await wired.engine.warmUp();
  return wired;
}

export async function engineOver(db: Database, vector: VectorCapability, extra: Partial<EngineOverrides> = {}): Promise<Engine> {
  return (await wiredOver(db, vector, extra)).engine;
}

export async function openSampleEngine(extra: Partial<EngineOverrides> = {}) {
  const { db, vector } = await openSampleStore();
  const { engine, bookings } = await wiredOver(db, vector, extra);
  return { db, vector, bookings, engine };
}

/** One person talking on one conversation: each call is a turn. */
export function talker(engine: Engine, userId = `test:${Math.random().toString(36).slice(2, 10)}`, capabilities: Capabilities = RICH, locale?: 'it' | 'en') {
  let conversationId: string | undefined;
  return {
    userId,
    get conversationId() {
      return conversationId;
    },
    async say(text: string, extra: Partial<InboundMessage> = {}): Promise<Reply> {
      const reply = await engine.handle({ userId, channel: 'test', capabilities, ...(locale ? { locale } : {}), text, ...(conversationId ? { conversationId } : {}), ...extra });
      conversationId = reply.conversationId;
      return reply;
    },
    press(action: string) {
      return this.say('', { action, text: undefined });
    },
  };
}

/** All the text a person would read in a reply: texts, choices, cards. */
export function readable(reply: Reply): string {
  return reply.messages
    .map((m) => (m.type === 'text' ? m.text : m.type === 'choices' ? `${m.text}\n${m.choices.map((c) => c.label).join('\n')}` : m.type === 'card' ? [m.title, m.subtitle, ...m.facts.map((f) => `${f.label}: ${f.value}`), m.text].join('\n') : m.name))
    .join('\n');
}
