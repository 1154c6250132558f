import type { Lang } from '../../domain/message.js';

/**
 * The words of Orienta's Slack desk and feed, read by the network's staff (in ORIENTA_LANG), and
 * the one label a person sees on their own channel when a member of staff writes to them.
 * Engine dialogue lives in bot/answer/texts.ts; these are Slack's own.
 */
const it = {
  desk: {
    title: (id: string) => `Richiesta di contatto n. ${id}`,
    reasons: {
      'user asked for a person': 'ha chiesto di parlare con una persona',
      'contact left': 'ha lasciato un recapito per essere ricontattata',
      contact: 'ha lasciato un recapito per essere ricontattata',
      company: 'un’azienda chiede di essere ricontattata',
    } as Record<string, string>,
    reason: 'Motivo',
    channel: 'Canale',
    contact: 'Recapito',
    noContact: 'nessuno',
    language: 'Lingua',
    transcript: 'Ultimi messaggi',
    noTranscript: '(nessun messaggio precedente)',
    waiting: 'In attesa: prendila in carico e rispondi nel thread.',
    claim: 'Prendi in carico',
    close: 'Fine: restituisci a Orienta',
    claimedBy: (who: string) => `Presa in carico da ${who}. Rispondi in questo thread: la persona riceve le risposte sul suo canale. Premi «Fine» o scrivi \`/orienta-fine\` quando hai finito.`,
    closedBy: (who: string) => `Chiusa da ${who}: la persona parla di nuovo con Orienta.`,
    alreadyClaimed: (who: string) => `Questa richiesta è già in carico a ${who}.`,
    alreadyClosed: 'Questa richiesta è già chiusa.',
    unknown: 'Non trovo questa richiesta: forse i dati della persona sono stati cancellati.',
    claimFirst: 'Prima premi «Prendi in carico» sul messaggio della richiesta, poi rispondi qui: fino ad allora la persona non riceve nulla.',
    unreachable: 'Non riesco a far arrivare il messaggio alla persona sul suo canale. Riprova tra poco o usa il recapito, se l’ha lasciato.',
    fromUser: 'Persona',
    languages: { it: 'italiano', en: 'inglese' } as Record<string, string>,
  },
  command: {
    closed: (id: string) => `Richiesta n. ${id} chiusa: la persona parla di nuovo con Orienta.`,
    none: 'Non hai richieste in carico. Per chiuderne una precisa scrivi `/orienta-fine <numero>`.',
    several: (ids: string[]) => `Hai più richieste in carico (${ids.map((i) => `n. ${i}`).join(', ')}): scrivi \`/orienta-fine <numero>\`.`,
    notFound: (id: string) => `Non trovo la richiesta n. ${id}, oppure è già chiusa.`,
    usage: 'Scrivi `/orienta-fine` per chiudere la richiesta che hai in carico, oppure `/orienta-fine <numero>`.',
  },
  feed: {
    booked: 'Nuova prenotazione',
    waitlisted: 'In lista d’attesa',
    cancelled: 'Prenotazione annullata',
    promoted: 'Dalla lista d’attesa a confermata',
    kinds: { course: 'corso', appointment: 'appuntamento', lab: 'laboratorio', event: 'evento' } as Record<string, string>,
    seats: (taken: number, capacity: number) => `posti occupati ${taken}/${capacity}`,
    group: (n: number) => `gruppo di ${n}`,
    position: (n: number) => `posizione ${n} in lista`,
    channel: (name: string) => `canale ${name}`,
  },
  file: (name: string) => `Il file ${name} non si è potuto allegare; eccone il contenuto:`,
  /** Shown to the person, on whatever channel they use, before a staff member's words. */
  staffSays: 'Operatore LTO',
};

type Texts = typeof it;

const en: Texts = {
  desk: {
    title: (id: string) => `Contact request no. ${id}`,
    reasons: {
      'user asked for a person': 'asked to talk to a person',
      'contact left': 'left a contact to be called back',
      contact: 'left a contact to be called back',
      company: 'a company asks to be contacted',
    },
    reason: 'Reason',
    channel: 'Channel',
    contact: 'Contact',
    noContact: 'none',
    language: 'Language',
    transcript: 'Latest messages',
    noTranscript: '(no earlier messages)',
    waiting: 'Waiting: take it and answer in the thread.',
    claim: 'Take it',
    close: 'Done: hand back to Orienta',
    claimedBy: (who: string) => `Taken by ${who}. Answer in this thread: the person gets the answers on their own channel. Press “Done” or type \`/orienta-fine\` when you have finished.`,
    closedBy: (who: string) => `Closed by ${who}: the person is talking to Orienta again.`,
    alreadyClaimed: (who: string) => `${who} has already taken this request.`,
    alreadyClosed: 'This request is already closed.',
    unknown: 'I can’t find this request: the person’s data may have been erased.',
    claimFirst: 'First press “Take it” on the request’s message, then answer here: until then the person receives nothing.',
    unreachable: 'I can’t get the message to the person on their channel. Try again shortly, or use their contact if they left one.',
    fromUser: 'Person',
    languages: { it: 'Italian', en: 'English' },
  },
  command: {
    closed: (id: string) => `Request no. ${id} closed: the person is talking to Orienta again.`,
    none: 'You have no request taken. To close a given one, type `/orienta-fine <number>`.',
    several: (ids: string[]) => `You have several requests taken (${ids.map((i) => `no. ${i}`).join(', ')}): type \`/orienta-fine <number>\`.`,
    notFound: (id: string) => `I can’t find request no. ${id}, or it is already closed.`,
    usage: 'Type `/orienta-fine` to close the request you have taken, or `/orienta-fine <number>`.',
  },
  feed: {
    booked: 'New booking',
    waitlisted: 'On the waitlist',
    cancelled: 'Booking cancelled',
    promoted: 'Moved up from the waitlist',
    kinds: { course: 'course', appointment: 'appointment', lab: 'lab session', event: 'event' },
    seats: (taken: number, capacity: number) => `seats taken ${taken}/${capacity}`,
    group: (n: number) => `group of ${n}`,
    position: (n: number) => `position ${n} in line`,
    channel: (name: string) => `channel ${name}`,
  },
  file: (name: string) => `The file ${name} could not be attached; here is what it holds:`,
  staffSays: 'LTO staff',
};

export const SLACK_TEXTS: Record<Lang, Texts> = { it, en };
export const slackTexts = (lang: Lang): Texts => SLACK_TEXTS[lang];
export type SlackTexts = Texts;
