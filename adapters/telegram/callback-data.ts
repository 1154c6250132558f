import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Telegram's limit for a button's callback_data, in bytes. */
export const CALLBACK_DATA_MAX = 64;
const MAC_CHARS = 8;
const KEY_CHARS = 16;
const REMEMBERED = 5000;

/**
 * Button data a client can forge (any MTProto client may send any bytes), so every button carries a
 * MAC bound to its chat and to this bot: a forged or replayed-elsewhere press is refused before the
 * engine sees it. An action too long for Telegram's 64 bytes travels as a short key to an entry
 * remembered here; after a restart such a button has expired, and the person is told so.
 */
export class CallbackCodec {
  private readonly key: Buffer;
  private readonly long = new Map<string, string>();

  constructor(secret: string) {
    // Derived, so the bot token itself never signs anything and rotating it retires old buttons.
    this.key = createHash('sha256').update(`orienta telegram callback\n${secret}`).digest();
  }

  encode(action: string, chatId: number | string): string {
    const inline = `a${this.mac(action, chatId, MAC_CHARS)}${action}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX) return inline;
    const key = this.mac(action, chatId, KEY_CHARS);
    this.long.delete(key);
    this.long.set(key, action);
    if (this.long.size > REMEMBERED) this.long.delete(this.long.keys().next().value!);
    return `k${key}`;
  }

  /** The action of a button this bot gave this chat, 'expired' for a long one it no longer remembers, null for anything else. */
  decode(data: string, chatId: number | string): string | 'expired' | null {
    if (data.startsWith('a') && data.length > 1 + MAC_CHARS) {
      const action = data.slice(1 + MAC_CHARS);
      return this.same(data.slice(1, 1 + MAC_CHARS), this.mac(action, chatId, MAC_CHARS)) ? action : null;
    }
    if (data.startsWith('k') && data.length === 1 + KEY_CHARS) {
      const action = this.long.get(data.slice(1));
      if (action === undefined) return 'expired';
      return this.same(data.slice(1), this.mac(action, chatId, KEY_CHARS)) ? action : null;
    }
    return null;
  }

  private mac(action: string, chatId: number | string, chars: number): string {
    return createHmac('sha256', this.key).update(`${chatId}\n${action}`).digest('base64url').slice(0, chars);
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
