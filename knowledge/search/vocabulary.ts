import type { Audience, Level, Mode } from '../model/index.js';

/**
 * Words people use for the catalogue's categories, Italian first. They are written into the
 * search documents, so "corso per stranieri" or "beginner course" finds records whose codes say
 * `foreigners` or `beginner`.
 */
export const AUDIENCE_WORDS: Record<Audience, string[]> = {
  students: ['studenti', 'studente', 'ragazzi', 'giovani', 'scuola', 'students', 'young'],
  adults: ['adulti', 'adulto', 'adults'],
  teachers: ['docenti', 'insegnanti', 'professori', 'teachers'],
  foreigners: ['stranieri', 'straniero', 'migranti', 'foreigners', 'migrants'],
  neet: ['neet', 'giovani che non studiano e non lavorano'],
  unemployed: ['disoccupati', 'disoccupato', 'senza lavoro', 'inoccupati', 'unemployed', 'jobseekers'],
  companies: ['imprese', 'aziende', 'datori di lavoro', 'companies', 'employers', 'business'],
  families: ['famiglie', 'genitori', 'families', 'parents'],
};

export const LEVEL_WORDS: Record<Level, string[]> = {
  beginner: ['base', 'principianti', 'introduttivo', 'beginner', 'basic'],
  intermediate: ['intermedio', 'intermediate'],
  advanced: ['avanzato', 'specialistico', 'advanced'],
};

export const MODE_WORDS: Record<Mode, string[]> = {
  presence: ['in presenza', 'in aula'],
  online: ['online', 'a distanza', 'da casa', 'remote'],
  blended: ['blended', 'misto', 'in parte online'],
};

export const KIND_WORDS: Record<string, string[]> = {
  course: ['corso', 'course', 'formazione'],
  hub: ['sede LTO', 'hub', 'laboratorio diffuso'],
  school_lab: ['laboratorio', 'lab', 'scuola'],
  training_centre: ['centro di formazione professionale', 'CFP', 'training centre'],
  cpia: ['CPIA', 'centro per l\'istruzione degli adulti', 'scuola per adulti'],
  job_centre: ['centro per l\'impiego', 'CPI', 'job centre', 'ufficio di collocamento'],
  chamber: ['camera di commercio', 'chamber of commerce'],
  university: ['università', 'politecnico', 'university', 'campus'],
  other: [],
  job: ['lavoro', 'job', 'work'],
  orientation: ['orientamento', 'orientation', 'guidance'],
  self_employment: ['autoimpiego', 'mettersi in proprio', 'aprire un\'impresa', 'self-employment', 'start a business'],
  training: ['formazione', 'training'],
  business: ['imprese', 'aziende', 'business'],
  call: ['bando', 'call for ideas', 'concorso di idee', 'imprese madrine'],
  event: ['evento', 'incontro', 'event'],
  open_day: ['open day', 'scuola aperta', 'giornata di orientamento'],
  hackathon: ['hackathon', 'maratona', 'sfida'],
  contest: ['concorso', 'premio', 'contest'],
  school: ['scuola', 'istituto', 'school'],
  doc: [],
};

/**
 * Query expansion: a colloquial or English word brings in the catalogue's own Italian terms.
 * Keys are folded words (see text/normalize.ts); values are appended to the query.
 */
export const SYNONYMS: Record<string, string> = {
  muletto: 'carrello elevatore',
  forklift: 'carrello elevatore muletto',
  printing: 'stampa',
  printer: 'stampante stampa',
  welding: 'saldatura',
  weld: 'saldatura saldare',
  saldare: 'saldatura',
  robotics: 'robotica',
  robot: 'robotica',
  coding: 'programmazione coding',
  programming: 'programmazione coding',
  course: 'corso',
  courses: 'corso',
  free: 'gratuito gratis',
  gratis: 'gratuito',
  job: 'lavoro',
  jobs: 'lavoro',
  work: 'lavoro',
  centre: 'centro',
  center: 'centro',
  employment: 'impiego lavoro',
  unemployed: 'disoccupati',
  unemployment: 'disoccupazione did naspi',
  register: 'iscrizione registrarsi did dichiarazione',
  registration: 'iscrizione registrazione did dichiarazione',
  lessons: 'corso lezioni',
  classes: 'corso lezioni',
  italian: 'italiano',
  english: 'inglese',
  language: 'lingua',
  foreigners: 'stranieri',
  foreigner: 'stranieri',
  traineeship: 'tirocinio',
  internship: 'tirocinio stage',
  trainee: 'tirocinante tirocinio',
  stage: 'tirocinio',
  apprenticeship: 'apprendistato',
  cooking: 'cucina ristorazione',
  chef: 'cucina ristorazione',
  waiter: 'sala bar ristorazione',
  barista: 'sala bar',
  hairdresser: 'acconciatura parrucchiere',
  parrucchiera: 'acconciatura',
  parrucchiere: 'acconciatura',
  beauty: 'estetica',
  accounting: 'contabilita',
  marketing: 'marketing',
  safety: 'sicurezza',
  security: 'sicurezza cybersecurity',
  drone: 'droni',
  drones: 'droni',
  solar: 'fotovoltaico energia',
  energy: 'energia',
  gardening: 'verde giardinaggio',
  giardiniere: 'verde giardinaggio',
  logistics: 'logistica',
  warehouse: 'magazzino logistica',
  magazziniere: 'magazzino logistica',
  teacher: 'docenti',
  teachers: 'docenti',
  school: 'scuola istituto',
  lab: 'laboratorio',
  laboratory: 'laboratorio',
  cv: 'curriculum',
  resume: 'curriculum',
  interview: 'colloquio',
  business: 'impresa',
  startup: 'impresa startup',
  hackaton: 'hackathon',
  openday: 'open day',
  fair: 'fiera',
  disability: 'disabilita collocamento mirato',
  disabili: 'disabilita collocamento mirato',
  invalidi: 'collocamento mirato',
  cheese: 'formaggio caseario grana',
  wine: 'vino viticoltura',
  food: 'alimentare agroalimentare',
  care: 'assistenza socio sanitario',
  nurse: 'assistenza socio sanitario oss',
  badante: 'assistenza socio sanitario',
  ai: 'intelligenza artificiale',
  pc: 'computer informatica',
  computer: 'informatica',
  // The partner export files computer courses under "Competenze digitali", never "informatica".
  informatica: 'computer digitali icdl',
  spid: 'did identita digitale',
};

/**
 * Words that say what someone wants to do or know rather than what about ("diventare", "imparare",
 * "quando scade", "tell me"): they are searched like any other, but a record is not judged a
 * match for containing them. "Corso per diventare infermiere" is about nurses, and a course whose
 * text says "per diventare tecnico" is no answer to it.
 */
export const NOT_TOPICAL = new Set(
  (
    'prenota prenotare prenotami prenotazione prenotazioni prenoto iscrivo iscrivermi iscrivimi iscriversi iscrivere book booking enrol enroll sign ' +
    'consigli consigliate consigliare consiglio consigliami suggerisci suggerire suggerimento percorso percorsi recommend suggest ' +
    'inventa inventare inventami crea creare scrivi scrivere immagina invent make write create imagine pretend ' +
    'diventare diventa imparare impara usare utilizzare seguire frequentare trovare cercare cerco cerca cerchiamo sapere sai sapete conoscere ' +
    'piacerebbe interessa interessato interessata qualcosa cosa tipo info informazioni serve servono bisogno aiuto aiutare aiutami aiutatemi ' +
    'fatto finito dopo adesso ora poi ancora sempre tutti tutto tutte ogni altro altri altra nuovo nuova nuovi prossimo prossima qualche solo soltanto unicamente pure ' +
    'studenti studentesse ragazzi ragazze alunni allievi persone persona gente classe classi prof professore professoressa ' +
    'trova trovano trovo dimmi dire mostrami elenco lista vedere fammi dammi sapere spiegami vorremmo vogliamo volevo potrei possiamo devo dobbiamo ' +
    'inizia iniziano comincia cominciano parte partono finisce finiscono termina scade scadono scadenza costa costano prezzo prezzi costo ' +
    'quanto quanti quante dove orari orario aperto aperta apre chiude posti liberi disponibili iscrizioni iscrizione iscriversi durata dura ' +
    'contatti contatto telefono email indirizzo requisiti documenti dettagli esiste esistono ' +
    'tell show give list find looking look need learn become take know now next will would should could also just only new all ' +
    'something anything here got have has one ones start starts begin begins cost costs price much many hours open seats left ' +
    'deadline long contact phone address requirements documents details exist exists people person students pupils kids class'
  ).split(' '),
);
