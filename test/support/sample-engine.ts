import { fixedClock } from '../../domain/clock.js';
import { Engine, type EngineDeps } from '../../bot/engine.js';
import { RICH, type Capabilities, type InboundMessage, type Reply } from '../../domain/message.js';
import { PgBookingService } from '../../knowledge/bookings/pg-booking-service.js';
import { PgCatalogueReader } from '../../knowledge/catalogue/pg-catalogue-reader.js';
import { PgHandoffQueue } from '../../knowledge/conversations/pg-handoff-queue.js';
import { PgSessionStore } from '../../knowledge/conversations/pg-session-store.js';
import type { Database } from '../../knowledge/db/database.js';
import { openSampleStore, REFERENCE_NOW, sampleRetriever } from './sample-store.js';
import type { VectorCapability } from '../../knowledge/db/vector.js';

const silent = { info() {}, warn() {}, error() {} };

/** An engine over a store, wired the way the composition root wires it, with a fixed clock. */
export async function engineOver(db: Database, vector: VectorCapability, extra: Partial<EngineDeps> = {}): Promise<Engine> {
  const clock = fixedClock(REFERENCE_NOW);
  const engine = new Engine({
    bookings: new PgBookingService({ db, clock, notifier: { notify: async () => {} } }),
    retriever: await sampleRetriever(db, vector),
    catalogue: new PgCatalogueReader(db),
    sessions: new PgSessionStore(db),
    handoff: new PgHandoffQueue(db),
    clock,
    logger: silent,
    defaultLang: 'it',
    ...extra,
  });
  await engine.warmUp();
  return engine;
}

export async function openSampleEngine(extra: Partial<EngineDeps> = {}) {
  const { db, vector } = await openSampleStore();
  const bookings = extra.bookings ?? new PgBookingService({ db, clock: fixedClock(REFERENCE_NOW), notifier: { notify: async () => {} } });
  return { db, vector, bookings, engine: await engineOver(db, vector, { bookings, ...extra }) };
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
