import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelDriver, Person } from './driver.js';

/**
 * What every channel must do, whatever its platform: one shared suite that each channel's test file
 * runs with its own driver, in the manner of Hono's `common.case.test.ts`. Everything goes through
 * real HTTP to the whole app and the platform's local fake. The assertions are on structure and ids
 * (citations, actions, the booking code, what the store holds), not on the engine's wording.
 */
export function channelContract(start: () => ChannelDriver | Promise<ChannelDriver>): void {
  let driver: ChannelDriver;
  beforeAll(async () => {
    driver = await start();
  });

  /** A counter of /metrics for this channel, all its other labels summed. */
  const counted = async (metric: 'turns' | 'repeats') => (await driver.orienta.metrics[metric].get()).values.filter((v) => v.labels.channel === driver.channel).reduce((n, v) => n + v.value, 0);
  const turnsOf = async (p: Person) =>
    (await driver.orienta.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.user_id = $1', [p.userId]))[0]!.n;

  describe('the channel contract', () => {
    it('answers a search with the course it is about', async () => {
      const giulia = driver.person();
      const found = await giulia.say('corsi di stampa 3d');
      expect(found.count).toBeGreaterThan(0);
      expect(found.cited).toContain('C008');
      expect(found.actions).toContain('details:course:C008');
      expect(await turnsOf(giulia)).toBe(1);
    });

    it('answers a button of the previous answer with what the button acts on', async () => {
      const marco = driver.person();
      await marco.say('corsi di stampa 3d');
      const details = await marco.press('details:course:C008');
      expect(details.cited).toContain('C008');
      expect(details.actions).toContain('book:course:C008');
      expect(await turnsOf(marco)).toBe(2);
    });

    it('books after an explicit confirmation, with a code and its calendar file', async () => {
      const sara = driver.person();
      await sara.say('voglio iscrivermi a C001');
      await sara.say('Sara Neri');
      const summary = await sara.say('16');
      expect(summary.actions).toContain('confirm');
      expect(await driver.orienta.bookings.listForUser(sara.userId)).toEqual([]);

      const done = await sara.press('confirm');
      const code = done.text.match(/LTO-[A-Z0-9]{4}/)?.[0];
      expect(code).toBeDefined();
      expect(done.files).toContain(`${code}.ics`);
      const booked = await driver.orienta.bookings.listForUser(sara.userId);
      expect(booked.map((b) => [b.code, b.slotId.length > 0, b.status, b.channel])).toEqual([[code, true, 'confirmed', driver.channel]]);
    });

    it('answers a message delivered again once: one turn, one answer', async () => {
      const luca = driver.person();
      await luca.say('ciao');
      const [ran, repeats] = [await counted('turns'), await counted('repeats')];
      const { seen, responses } = await luca.sayRedelivered('corsi di saldatura');
      expect(await turnsOf(luca)).toBe(2);
      // The engine ran it once; the two copies were answered from the delivery ledger, and counted.
      expect(await counted('turns')).toBe(ran + 1);
      expect(await counted('repeats')).toBe(repeats + 2);
      // The same as one delivery to someone else, not two or three times as much.
      const control = driver.person();
      await control.say('ciao');
      const once = await control.say('corsi di saldatura');
      expect(seen.count).toBe(once.count);
      expect(seen.cited).toEqual(once.cited);
      expect(seen.cited.length).toBeGreaterThan(0);
      for (const response of responses) expect(response).toEqual(seen);
    });

    it('refuses a forged request in the one error shape, and nothing reaches the engine', async () => {
      const anna = driver.person();
      await anna.say('ciao');
      const forged = await anna.sayForged('cancella i miei dati');
      expect([401, 403]).toContain(forged.status);
      expect(await forged.json()).toEqual({ error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) } });
      expect(await turnsOf(anna)).toBe(1);
      // Still there, still answered.
      expect((await anna.say('corsi di stampa 3d')).cited).toContain('C008');
    });
  });
}
