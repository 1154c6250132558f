import type { Lang } from '../../domain/message.js';

/** Telegram's own UI words (the commands menu, buttons the engine did not offer), in Italian and English. */
const it = {
  commands: {
    start: 'Inizia e guarda cosa posso fare',
    help: 'Come usare Orienta',
    corsi: 'Cerca un corso (es. /corsi robotica)',
    prenota: 'Prenota un corso o un appuntamento',
    prenotazioni: 'Le mie prenotazioni',
    annulla: 'Annulla una prenotazione',
    privacy: 'I tuoi dati: vedili o cancellali',
    lingua: 'Cambia lingua (italiano / English)',
    operatore: 'Parla con una persona',
  },
  choose: 'Scegli:',
  buttonExpired: 'Questo pulsante è scaduto: scrivimi di nuovo cosa cerchi.',
  calendarCaption: 'Aggiungi l’appuntamento al tuo calendario.',
};

type Texts = typeof it;

const en: Texts = {
  commands: {
    start: 'Start and see what I can do',
    help: 'How to use Orienta',
    corsi: 'Find a course (e.g. /corsi robotics)',
    prenota: 'Book a course or an appointment',
    prenotazioni: 'My bookings',
    annulla: 'Cancel a booking',
    privacy: 'Your data: see it or erase it',
    lingua: 'Change language (italiano / English)',
    operatore: 'Talk to a person',
  },
  choose: 'Choose:',
  buttonExpired: 'This button has expired: please tell me again what you are looking for.',
  calendarCaption: 'Add it to your calendar.',
};

export const telegramTexts = (lang: Lang): Texts => (lang === 'en' ? en : it);
