import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH } from '../domain/message.js';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { VectorCapability } from '../knowledge/db/vector.js';
import { addTestSlots, TEST_SLOTS } from '../test/support/booking-fixtures.js';
import { openSampleStore, REFERENCE_NOW } from '../test/support/sample-store.js';
import { loadConfig } from './config.js';
import { createEngine } from './create-engine.js';
import type { OrientaMetrics } from './observability/metrics.js';

/** The value of one series in the registry GET /metrics serves, 0 when it has not appeared. */
async function series(metrics: OrientaMetrics, name: string): Promise<number> {
  const text = await metrics.registry.metrics();
  return Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);
}

function recordingLogger() {
  const lines: string[] = [];
  return { lines, info: (_o: object, m?: string) => void lines.push(m ?? ''), warn: (_o: object, m?: string) => void lines.push(m ?? ''), error: (_o: object, m?: string) => void lines.push(m ?? '') };
}

let db: PgliteDatabase;
let vector: VectorCapability;
beforeAll(async () => {
  ({ db, vector } = await openSampleStore());
  await addTestSlots(db);
});
afterAll(() => db?.close());

// Every caller (serve, chat, eval, the tests) gets its engine here: what is not overridden must be
// what production runs, read from the config.
describe('createEngine', () => {
  const config = loadConfig({ ORIENTA_NOW: REFERENCE_NOW.toISOString(), BOOKING_MAX_GROUP: '5' });

  it('counts and logs every turn and every handoff, as the server does', async () => {
    const logger = recordingLogger();
    const { engine, metrics } = await createEngine({ db, vector }, config, { logger });
    const reply = await engine.handle({ userId: 'wired:1', channel: 'telegram', capabilities: RICH, text: 'voglio parlare con una persona, 333 4445556' });
    expect(reply.intent).toBe('handoff');
    expect(await series(metrics, 'orienta_turns_total{channel="telegram",intent="handoff"}')).toBe(1);
    expect(await series(metrics, 'orienta_handoffs_total{event="requested",channel="telegram"}')).toBe(1);
    expect(logger.lines).toContain('turn');
  });

  it('takes the clock and the booking limits from the config, and tells the log and the metrics of a booking', async () => {
    const logger = recordingLogger();
    const { clock, bookings, metrics } = await createEngine({ db, vector }, config, { logger });
    expect(clock.now().toISOString()).toBe(REFERENCE_NOW.toISOString());
    const request = { slotId: TEST_SLOTS.lab.id, userId: 'wired:2', channel: 'telegram', name: 'Prof. Neri', className: '3C' };
    const refused = await bookings.book({ ...request, groupSize: 6 });
    expect(refused).toMatchObject({ ok: false, reason: 'GROUP_OVER_LIMIT', detail: { limit: 5 } });
    expect((await bookings.book({ ...request, groupSize: 5 })).ok).toBe(true);
    expect(await series(metrics, 'orienta_bookings_total{event="booked",channel="telegram"}')).toBe(1);
    expect(logger.lines.some((l) => /booked/.test(l))).toBe(true);
  });

  it('replaces only what an override names: a silent notifier still leaves the turns counted', async () => {
    const heard: unknown[] = [];
    const { engine, bookings, metrics } = await createEngine({ db, vector }, config, { logger: recordingLogger(), notifier: { notify: async (e) => void heard.push(e) } });
    await engine.handle({ userId: 'wired:3', channel: 'web', capabilities: RICH, text: 'corsi di stampa 3d a viadana' });
    expect((await bookings.book({ slotId: TEST_SLOTS.race.id, userId: 'wired:3', channel: 'web', name: 'Anna Neri' })).ok).toBe(true);
    expect(heard).toHaveLength(1);
    expect(await series(metrics, 'orienta_bookings_total{event="booked",channel="web"}')).toBe(0);
    expect(await series(metrics, 'orienta_turns_total{channel="web",intent="find_course"}')).toBe(1);
  });
});
