import type { Lang, Reply } from '../../domain/message.js';

/** A stored reply as channels take it: replies stored before they carried their language get the conversation's. */
export function storedReply(reply: Reply, conversationLang: Lang): Reply {
  return reply.lang ? reply : { ...reply, lang: conversationLang };
}
