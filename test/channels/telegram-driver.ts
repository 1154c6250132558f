import { CallbackCodec } from '../../adapters/telegram/callback-data.js';
import type { ChannelsApp } from '../support/channels-app.js';
import { FAKE_TOKEN, type SentMessage } from '../support/fake-telegram.js';
import { idsInActions, unique, type ChannelDriver, type Person, type Seen } from './driver.js';

/** Telegram in webhook mode: updates posted with the webhook's secret, answers read from a fake Bot API. */
export function telegramDriver({ app, telegram }: ChannelsApp): ChannelDriver {
  const { fake, hook } = telegram;
  // The buttons' data is signed for the bot and the chat: read back as the channel reads it.
  const codec = new CallbackCodec(FAKE_TOKEN);
  let chats = 7000;

  const person = (): Person => {
    const chatId = ++chats;
    let last: SentMessage[] = [];
    const buttons = (sent: SentMessage[]) =>
      sent.flatMap((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [{ message: m, data: b.callback_data, action: codec.decode(b.callback_data, chatId) }] : [])));
    const seenOf = (sent: SentMessage[]): Seen => {
      const actions = buttons(sent).flatMap((b) => (typeof b.action === 'string' && b.action !== 'expired' ? [b.action] : []));
      return {
        text: sent.map((m) => [m.visible ?? m.caption ?? '', ...(m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => b.text)].join('\n')).join('\n'),
        actions,
        cited: unique(idsInActions(actions)),
        files: sent.flatMap((m) => (m.document ? [m.document.filename] : [])),
        count: sent.length,
      };
    };
    /** Posts updates as Telegram does and waits until the bot has answered them all. */
    const deliver = async (...updates: object[]): Promise<Seen> => {
      const before = fake.sentTo(chatId).length;
      const statuses = await Promise.all(updates.map((u) => fake.deliver(u, { url: hook }).then((r) => r.status)));
      if (statuses.some((s) => s !== 200)) throw new Error(`the webhook answered ${statuses.join(', ')}`);
      await app.telegram.idle();
      last = fake.sentTo(chatId).slice(before);
      return seenOf(last);
    };
    return {
      userId: `telegram:${chatId}`,
      say: (text) => deliver(fake.text(chatId, text)),
      press(action) {
        const button = buttons(last).find((b) => b.action === action);
        if (!button) throw new Error(`no button ${action} in the last answer: ${buttons(last).map((b) => b.action).join(' | ')}`);
        return deliver(fake.press(chatId, { messageId: button.message.messageId, data: button.data }));
      },
      async sayRedelivered(text) {
        const update = fake.text(chatId, text);
        const before = fake.sentTo(chatId).length;
        await deliver(update, update);
        await deliver(update);
        last = fake.sentTo(chatId).slice(before);
        return { seen: seenOf(last), responses: [] };
      },
      sayForged: (text) => fake.deliver(fake.text(chatId, text), { url: hook, secret: 'not-the-webhook-secret-0123456789' }),
    };
  };

  return { channel: 'telegram', orienta: app.orienta, person };
}
