// The Telegram half of the soak: people in private chats with the bot, through the fake Bot API
// the server long-polls. Runs in the soak's own process, where the fake lives.
import { decodeAction } from '../domain/action.js';
import type { FakeTelegram } from '../test/support/fake-telegram.js';
import { visit, type SoakReply, type VisitResult } from './soak-script.js';
import { percentile } from './stats.js';

export interface TelegramSoak {
  turns: number;
  errors: number;
  failures: string[];
  p95: number;
  visits: number;
  booked: number;
}

/** A typed equivalent of an engine action, since a Telegram user can only type or press. */
function typed(action: string): string {
  const a = decodeAction(action);
  return a?.type === 'book' ? `prenota ${a.ref.id}` : a?.type === 'slot' ? '1' : action;
}

export async function telegramVisitors(fake: FakeTelegram, people: number, until: number): Promise<TelegramSoak> {
  fake.record = false;
  const latencies: number[] = [];
  const failures: string[] = [];
  let errors = 0;
  const totals = { visits: 0, booked: 0 };
  const person = async (n: number) => {
    const chatId = 700_000 + n;
    for (let i = 0; Date.now() < until; i++) {
      const send = async (body: { text?: string; action?: string }): Promise<SoakReply> => {
        const text = body.text ?? typed(body.action ?? '');
        const before = fake.sentTo(chatId).length;
        const t = performance.now();
        const [update] = fake.push(fake.text(chatId, text, { languageCode: 'it' }));
        try {
          // Answered once the poller has confirmed the update (the fake drops it from its queue
          // inside getUpdates, after telling its listeners of the call: so look, don't listen).
          const deadline = Date.now() + 60_000;
          while (fake.queue.some((u) => u.update_id === update!.update_id)) {
            if (Date.now() > deadline) throw new Error(`update ${update!.update_id} not answered in 60 s`);
            await new Promise((r) => setTimeout(r, 10));
          }
          // The turn's messages may still be on their way: wait until the chat has been quiet a moment.
          let count = fake.sentTo(chatId).length;
          for (let quiet = 0; quiet < 200 && Date.now() < deadline; ) {
            await new Promise((r) => setTimeout(r, 25));
            const now = fake.sentTo(chatId).length;
            quiet = now === count && now > before ? quiet + 25 : 0;
            count = now;
          }
          const sent = fake.sentTo(chatId).slice(before);
          const seen = sent.map((m) => m.visible ?? m.caption ?? '').join('\n');
          if (/non riesco a rispondere/i.test(seen)) {
            errors++;
            if (failures.length < 5) failures.push(`telegram ${JSON.stringify(text)} → ${seen.slice(0, 160)}`);
          }
          return { intent: sent.length ? 'answered' : 'silent', text: seen, actions: [] };
        } catch (error) {
          errors++;
          if (failures.length < 5) failures.push(`telegram ${JSON.stringify(text)} → ${(error as Error).message.slice(0, 160)}`);
          return { intent: 'error', text: '', actions: [] };
        } finally {
          latencies.push(performance.now() - t);
        }
      };
      const r: VisitResult = await visit(send, n, i);
      totals.visits++;
      if (r.booked) totals.booked++;
    }
  };
  await Promise.all(Array.from({ length: people }, (_, n) => person(n)));
  latencies.sort((a, b) => a - b);
  return { turns: latencies.length, errors, failures, p95: percentile(latencies, 95), ...totals };
}
