import type { Context } from 'hono';
import type { Lang } from '../domain/message.js';

/**
 * Every error Orienta answers over HTTP, whichever adapter refuses: a stable code (clients, the
 * widget and the docs rely on it), its status, and a short message in the reader's language (the
 * widget shows it to the visitor as it is).
 */
export const HTTP_ERRORS = {
  INPUT_INVALID: { status: 400, it: 'Non riesco a leggere la richiesta.', en: 'I can’t read that request.' },
  UNAUTHENTICATED: { status: 401, it: 'La richiesta non ha una firma o un token validi.', en: 'The request has no valid signature or token.' },
  FORBIDDEN: { status: 403, it: 'Questa richiesta non è autorizzata.', en: 'This request is not allowed.' },
  FOREIGN_SITE: { status: 403, it: 'Questo sito non è autorizzato a usare la chat di Orienta.', en: 'This site is not allowed to use the Orienta chat.' },
  NOT_FOUND: { status: 404, it: 'Qui non c’è niente: la conversazione o la pagina non esiste.', en: 'Nothing here: no such conversation or page.' },
  ALREADY_RECEIVED: { status: 409, it: 'Ho già ricevuto questo messaggio: se non vedi la risposta, riapri la chat.', en: 'I already have this message: if you don’t see the answer, reopen the chat.' },
  TOO_LARGE: { status: 413, it: 'Il messaggio è troppo lungo.', en: 'That message is too long.' },
  JSON_ONLY: { status: 415, it: 'La chat accetta solo richieste in JSON.', en: 'The chat only accepts JSON requests.' },
  RATE_LIMITED: { status: 429, it: 'Stai scrivendo molto in fretta: aspetta qualche secondo e riprova.', en: 'You are writing very fast: please wait a few seconds and try again.' },
  INTERNAL: { status: 500, it: 'Qualcosa non ha funzionato da parte nostra. Riprova tra poco.', en: 'Something went wrong on our side. Please try again shortly.' },
  SHUTTING_DOWN: { status: 503, it: 'Orienta si sta riavviando: riprova tra qualche secondo.', en: 'Orienta is restarting: please try again in a few seconds.' },
  AUTH_UNAVAILABLE: { status: 503, it: 'Non posso verificare la richiesta in questo momento: riprova più tardi.', en: 'The request can’t be verified right now: please try again later.' },
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** The one shape of an error's body. */
export interface HttpErrorBody {
  error: { code: HttpErrorCode; message: string };
}

/** The language of whoever reads the answer: English when their Accept-Language starts with it, else Italian. */
export const readerLang = (c: Context): Lang => (/^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'it');

export function httpErrorBody(code: HttpErrorCode, lang: Lang): HttpErrorBody {
  return { error: { code, message: HTTP_ERRORS[code][lang] } };
}

/** The error response for `code`, with its status. */
export function httpError(c: Context, code: HttpErrorCode): Response {
  return c.json(httpErrorBody(code, readerLang(c)), HTTP_ERRORS[code].status);
}
