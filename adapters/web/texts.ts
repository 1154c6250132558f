import type { Lang } from '../../bot/message.js';

/** What the chat API says when it refuses a request, in the visitor's language: the widget shows it as is. */
const it = {
  RATE_LIMITED: 'Stai scrivendo molto in fretta: aspetta qualche secondo e riprova.',
  INPUT_INVALID: 'Non riesco a leggere la richiesta.',
  TOO_LARGE: 'Il messaggio è troppo lungo.',
  NOT_FOUND: 'Conversazione non trovata.',
  JSON_ONLY: 'La chat accetta solo richieste in JSON.',
  FOREIGN_SITE: 'Questo sito non è autorizzato a usare la chat di Orienta.',
};

export type RefusalCode = keyof typeof it;

const en: Record<RefusalCode, string> = {
  RATE_LIMITED: 'You are writing very fast: please wait a few seconds and try again.',
  INPUT_INVALID: 'I can’t read that request.',
  TOO_LARGE: 'That message is too long.',
  NOT_FOUND: 'Conversation not found.',
  JSON_ONLY: 'The chat only accepts JSON requests.',
  FOREIGN_SITE: 'This site is not allowed to use the Orienta chat.',
};

export const refusal = (lang: Lang, code: RefusalCode): string => (lang === 'en' ? en : it)[code];
