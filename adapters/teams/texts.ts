import type { Lang } from '../../domain/message.js';

/** The words Teams shows that are not the engine's: the lab-session form and the app package. */
const TEXTS = {
  it: {
    form: {
      title: 'Prenota una sessione di laboratorio',
      intro: 'Compila i campi per la tua classe: prima di prenotare ti mostro il riepilogo da confermare.',
      site: 'Sede',
      date: 'Data',
      dateMissing: 'Scegli una data.',
      className: 'Classe (per esempio 4B)',
      classMissing: 'Scrivi la classe, per esempio 4B.',
      group: 'Numero di studenti',
      groupMissing: 'Scrivi quanti studenti verranno.',
      name: 'Nome e cognome del docente',
      nameMissing: 'Scrivi il tuo nome e cognome.',
      submit: 'Continua',
    },
    app: {
      short: 'Orienta',
      full: 'Orienta - LTO Mantova',
      descriptionShort: 'Corsi, laboratori e servizi per il lavoro della rete LTO Mantova.',
      descriptionFull:
        'Orienta è l’assistente della rete LTO Mantova: trova corsi, sedi e servizi per il lavoro della provincia di Mantova, con le fonti, e prenota posti nei corsi, appuntamenti e sessioni di laboratorio per le classi. Per i docenti: scrivi per esempio «prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio».',
    },
    commands: [
      { title: 'corsi', description: 'Cerca un corso della rete' },
      { title: 'laboratori per le classi', description: 'Sedi con sessioni di laboratorio da prenotare per la tua classe' },
      { title: 'le mie prenotazioni', description: 'Le tue prenotazioni, con il codice per annullarle' },
      { title: 'annulla una prenotazione', description: 'Annulla una prenotazione, dopo la tua conferma' },
      { title: 'parla con una persona', description: 'Chiedi a un operatore della rete di seguirti' },
      { title: 'privacy', description: 'Cosa conservo e come scaricare o cancellare i tuoi dati' },
      { title: 'english', description: 'Continue in English' },
    ],
  },
  en: {
    form: {
      title: 'Book a lab session',
      intro: 'Fill in the fields for your class: before booking I show you a summary to confirm.',
      site: 'Site',
      date: 'Date',
      dateMissing: 'Pick a date.',
      className: 'Class (for example 4B)',
      classMissing: 'Write the class, for example 4B.',
      group: 'Number of students',
      groupMissing: 'Write how many students will come.',
      name: 'Teacher’s first and last name',
      nameMissing: 'Write your first and last name.',
      submit: 'Continue',
    },
    app: {
      short: 'Orienta',
      full: 'Orienta - LTO Mantova',
      descriptionShort: 'Courses, labs and job services of the LTO Mantova network.',
      descriptionFull:
        'Orienta is the assistant of the LTO Mantova network: it finds courses, sites and job services in the province of Mantova, with sources, and books course seats, appointments and lab sessions for school classes. For teachers: write for example “book the Fermi FabLab for my 4B, 24 students, in January”.',
    },
    commands: [
      { title: 'courses', description: 'Look for a course of the network' },
      { title: 'lab sessions for classes', description: 'Sites with lab sessions to book for your class' },
      { title: 'my bookings', description: 'Your bookings, with the code to cancel them' },
      { title: 'cancel a booking', description: 'Cancel a booking, after you confirm' },
      { title: 'talk to a person', description: 'Ask a member of the network’s staff to follow you' },
      { title: 'privacy', description: 'What I keep and how to download or erase your data' },
      { title: 'italiano', description: 'Continua in italiano' },
    ],
  },
} as const;

export const teamsTexts = (lang: Lang) => TEXTS[lang];
