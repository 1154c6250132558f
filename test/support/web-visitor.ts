import type { Reply } from '../../domain/message.js';

/** A browser visitor of the chat API: keeps its cookie and conversation like the widget does. */
export function webVisitor(baseUrl: () => string) {
  let cookie = '';
  let conversationId: string | undefined;
  return {
    get conversationId() {
      return conversationId;
    },
    /** Talks to another replica from now on (the conversation and cookie go along). */
    async send(body: { text?: string; action?: string; messageId?: string }, base = baseUrl()): Promise<Reply> {
      const res = await fetch(`${base}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ ...body, ...(conversationId ? { conversationId } : {}) }),
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      if (res.status !== 200) throw new Error(`chat API answered ${res.status}: ${await res.text()}`);
      const reply = (await res.json()) as Reply;
      conversationId = reply.conversationId;
      return reply;
    },
    async history(base = baseUrl()): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${base}/api/chat/${conversationId}`, { headers: cookie ? { cookie } : {} });
      return { status: res.status, body: await res.json() };
    },
  };
}
