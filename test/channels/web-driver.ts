import type { Reply } from '../../domain/message.js';
import { VISITOR_HEADER, visitorUserId } from '../../adapters/web/visitor.js';
import type { ChannelsApp } from '../support/channels-app.js';
import { readable } from '../support/sample-engine.js';
import { idsInActions, unique, type ChannelDriver, type Person, type Seen } from './driver.js';

/** The web chat as the widget uses it: the whole app, POST /api/chat with the visitor's token in its header. */
export async function webDriver({ app }: ChannelsApp): Promise<ChannelDriver> {
  const url = `${app.url}/api/chat`;
  const key = await app.orienta.webVisitorKey();
  let messages = 0;

  const seenOf = (reply: Reply): Seen => {
    const actions = reply.messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.action) : m.type === 'card' ? m.actions.flatMap((a) => (a.action ? [a.action] : [])) : []));
    return {
      text: readable(reply),
      actions,
      cited: unique([...reply.citations.map((c) => c.id), ...idsInActions(actions)]),
      files: reply.messages.flatMap((m) => (m.type === 'file' ? [m.name] : [])),
      count: reply.messages.length,
    };
  };

  const person = (): Person => {
    let token: string | undefined;
    let conversationId: string | undefined;
    let last: Seen | undefined;
    const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [VISITOR_HEADER]: token } : {}), ...headers },
        body: JSON.stringify({ ...body, ...(conversationId ? { conversationId } : {}) }),
      });
    const turn = async (body: Record<string, unknown>): Promise<Reply> => {
      const res = await post(body);
      if (res.status !== 200) throw new Error(`POST /api/chat answered ${res.status}: ${await res.text()}`);
      token = res.headers.get(VISITOR_HEADER) ?? token;
      const reply = (await res.json()) as Reply;
      conversationId = reply.conversationId;
      return reply;
    };
    const answer = async (body: Record<string, unknown>) => (last = seenOf(await turn({ ...body, messageId: `w-contract-${++messages}` })));
    return {
      get userId() {
        if (!token) throw new Error('a web visitor has an id once the chat has given it a token: say something first');
        return visitorUserId(key, token);
      },
      say: (text) => answer({ text }),
      press(action) {
        if (!last?.actions.includes(action)) throw new Error(`no button ${action} in the last answer: ${last?.actions.join(' | ')}`);
        return answer({ action });
      },
      async sayRedelivered(text) {
        const message = { text, messageId: `w-contract-${++messages}` };
        const racing = await Promise.all([turn(message), turn(message)]);
        const late = await turn(message);
        const responses = [...racing, late].map(seenOf);
        return { seen: (last = responses[0]!), responses };
      },
      // A page of another site posting with the visitor's token, as a cross-site request would carry their cookie.
      sayForged: (text) => post({ text, messageId: `w-contract-${++messages}` }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    };
  };

  return { channel: 'web', orienta: app.orienta, person };
}
