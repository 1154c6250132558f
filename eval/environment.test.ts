import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { RICH, type InboundMessage } from '../domain/message.js';
import { REFERENCE_NOW } from './case-schema.js';
import { openEvalEnvironment, type EvalEnvironment } from './environment.js';

const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);

// The eval's figures speak for production only if the engine it measures is production's: the same
// per-turn instrumentation and the same counting handoff queue. What it keeps of its own is its
// store, its clock and its silence towards staff.
describe('the eval environment', { timeout: 120_000 }, () => {
  let env: EvalEnvironment;
  beforeAll(async () => {
    env = await openEvalEnvironment({ config: loadConfig({}) });
    env.clock.set(new Date(REFERENCE_NOW));
  }, 240_000);
  afterAll(() => env?.close());

  let conversationId: string | undefined;
  const say = async (text: string) => {
    const inbound: InboundMessage = { userId: 'eval:wiring', channel: 'telegram', capabilities: RICH, text, ...(conversationId ? { conversationId } : {}) };
    const reply = await env.engine.handle(inbound);
    conversationId = reply.conversationId;
    return reply;
  };

  it('counts its turns and handoffs in a metrics registry, as the server does', async () => {
    expect((await say('corsi di stampa 3d a Viadana')).intent).toBe('find_course');
    expect((await say('voglio parlare con una persona, 333 4445556')).intent).toBe('handoff');
    const metrics = await env.metrics.registry.metrics();
    expect(value(metrics, 'orienta_turns_total{channel="telegram",intent="find_course"}')).toBe(1);
    expect(value(metrics, 'orienta_turn_duration_seconds_count{channel="telegram",intent="handoff"}')).toBe(1);
    expect(value(metrics, 'orienta_handoffs_total{event="requested",channel="telegram"}')).toBe(1);
  });

  it('books through the conversation without telling anyone of it', async () => {
    conversationId = undefined;
    const asked = await say('voglio iscrivermi a C001');
    if (JSON.stringify(asked).includes('Scegli una data')) await say('1');
    await say('Luca Moretti');
    await say('16');
    const booked = await say('sì');
    expect(JSON.stringify(booked)).toMatch(/LTO-[A-Z0-9]{4}/);
    expect(await env.bookings.listForUser('eval:wiring')).toHaveLength(1);
    // Production's notifier counts each booking; the eval's hears none, so none is counted.
    expect(value(await env.metrics.registry.metrics(), 'orienta_bookings_total{event="booked",channel="telegram"}')).toBe(0);
    expect(env.takeErrors()).toEqual([]);
  });
});
