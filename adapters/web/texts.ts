import type { Lang } from '../../bot/message.js';

/** What the chat API says when it refuses a request, in the visitor's language: the widget shows it as is. */
const it = {
  RATE_LIMITED: 'Stai scrivendo molto in fretta: aspetta qualche secondo e riprova.',
  INPUT_INVALID: 'Non riesco a leggere la richiesta.',
  TOO_LARGE: 'Il messaggio è troppo lungo.',
  NOT_FOUND: 'Conversazione non trovata.',
  JSON_ONLY: 'La chat accetta solo richieste in JSON.',
  FOREIGN_SITE: 'Questo sito non è autorizzato a usare la chat di Orienta.',
  ALREADY_RECEIVED: 'Ho già ricevuto questo messaggio: se non vedi la risposta, riapri la chat.',
  SHUTTING_DOWN: 'Orienta si sta riavviando: riprova tra qualche secondo.',
  INTERNAL: 'Qualcosa non ha funzionato da parte nostra. Riprova tra poco.',
};

export type RefusalCode = keyof typeof it;

const en: Record<RefusalCode, string> = {
  RATE_LIMITED: 'You are writing very fast: please wait a few seconds and try again.',
  INPUT_INVALID: 'I can’t read that request.',
  TOO_LARGE: 'That message is too long.',
  NOT_FOUND: 'Conversation not found.',
  JSON_ONLY: 'The chat only accepts JSON requests.',
  FOREIGN_SITE: 'This site is not allowed to use the Orienta chat.',
  ALREADY_RECEIVED: 'I already have this message: if you don’t see the answer, reopen the chat.',
  SHUTTING_DOWN: 'Orienta is restarting: please try again in a few seconds.',
  INTERNAL: 'Something went wrong on our side. Please try again shortly.',
};

export const refusal = (lang: Lang, code: RefusalCode): string => (lang === 'en' ? en : it)[code];
