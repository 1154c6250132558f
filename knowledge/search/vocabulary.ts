import type { Audience, Level, Mode } from '../../domain/model/index.js';

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

/** A language's names in Italian and English, by its code: how people ask for staff who speak it. */
export const LANGUAGE_NAMES: Record<string, string[]> = {
  it: ['italiano', 'italian'], en: ['inglese', 'english'], fr: ['francese', 'french'], de: ['tedesco', 'german'], es: ['spagnolo', 'spanish'],
  ar: ['arabo', 'arabic'], pa: ['punjabi', 'panjabi'], ur: ['urdu'], hi: ['hindi'], bn: ['bengalese', 'bangla', 'bengali'], zh: ['cinese', 'chinese'],
  ro: ['rumeno', 'romeno', 'romanian'], sq: ['albanese', 'albanian'], uk: ['ucraino', 'ukrainian'], ru: ['russo', 'russian'], pt: ['portoghese', 'portuguese'],
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
/**
 * Phrases people use for what the catalogue calls otherwise, replaced before the words are read
 * ("patente europea del computer" is the ICDL; "non so cosa fare" asks for orientation).
 */
export const PHRASES: [RegExp, string][] = [
  [/\bpatente europea( del computer)?\b/g, 'icdl'],
  [/\bpatente (b|c|d|ce|di guida|dell auto|auto|del camion|per il camion)\b|\b(car )?driving licen[cs]e\b|\bscuola guida\b|\bcqc\b/g, 'patenteguida'],
  [/\bnon so (cosa|che cosa|che) (fare|scegliere|studiare)\b|\bcosa (fare|scegliere) dopo\b|\bindecis[oa]\b|\bdon t know what to (do|study|choose)\b/g, 'orientamento'],
  [/\b(job|work) interview\b/g, 'colloquio lavoro'],
  [/\bin person\b|\bface to face\b/g, 'in presenza'],
  [/\b(don t|do not|not) show up\b|\bno show\b|\bnon mi presento\b|\bnon (posso|potro|riesco a) (andarci|venire|presentarmi|esserci)\b|\b(can t|cannot|can not) (go|come|make it)\b/g, 'disdire'],
  [/\bprima di natale\b|\bbefore christmas\b/g, 'dicembre'],
  [/\bjob cent(re|er)s?\b|\bemployment (office|cent(re|er))\b/g, 'centro impiego'],
  [/\bregister(ing)? as (unemployed|a job ?seeker)\b|\bsign on\b/g, 'dichiarazione disponibilita did disoccupati'],
  [/\bstart (my own|our own|a|my) (business|company)\b|\bset up (a|my own) (business|company)\b/g, 'impresa autoimprenditorialita mettersi in proprio'],
  [/\bmettermi in proprio\b|\baprire (un|una|la mia|un mia) (attivita|impresa|partita iva|azienda)\b|\b(open|start|starting) (a|my own|my|a small|our own) (small )?(business|company|shop)\b/g, 'impresa autoimprenditorialita nuove imprese mettersi in proprio'],
  [/\bnew business( desk)?\b|\bbusiness desk\b/g, 'sportello nuove imprese'],
  [/\b(online )?(scams?|frauds?|truffe|truffa)( online)?\b/g, 'truffe sicurezza rete'],
  [/\b(my|our) (company|business|firm|shop|workshop)\b|\b(la mia|la nostra|nella mia|nella nostra|alla mia|alla nostra) (azienda|impresa|ditta|officina)\b|\b(siamo|sono) (un|una) (azienda|impresa|ditta)\b/g, ' '],
  [/\bthrough (this|the) (chat|assistant|bot)\b|\bcon (questo|il) (assistente|bot|chat)\b/g, ' '],
  [/\bcall for ideas\b/g, 'call idee'],
  [/\bopen days?\b/g, 'openday'],
  [/\b(la )?settimana scorsa\b|\bil mese scorso\b|\bieri\b|\blast (week|month|year)\b|\byesterday\b/g, ' '],
  [/\biscriver(mi|si|ti) (come|da|al centro per l impiego come) disoccupat\w*\b|\bregistrarmi come disoccupat\w*\b/g, 'dichiarazione disponibilita did'],
  [/\b(middle ?school|lower secondary) (diploma|certificate|licen[cs]e)\b|\bdiploma di terza media\b|\blicenza di terza media\b/g, 'licenza media'],
  [/\bneither (studies|study|studying) nor (works|work|working)\b|\bnot (studying|in school) (or|nor) working\b/g, 'neet'],
  [/\bsecond hand\b/g, 'usato'],
  ...spokenPhrases(),
];

/**
 * A language spoken at a desk is asked with a verb ("c'è qualcuno che parla punjabi?", "do they
 * speak Arabic"), a language taught with a noun ("corso di tedesco"): only the first becomes the
 * token a service's search row holds for each language it is given in (see search-docs.ts).
 */
function spokenPhrases(): [RegExp, string][] {
  return Object.entries(LANGUAGE_NAMES)
    .filter(([code]) => code !== 'it' && code !== 'en')
    .map(([code, names]) => [new RegExp(`\\b(parla|parlano|parlate|parli|speak|speaks|spoken|mediator[ei]?|mediatrice|interprete|interpreter) (in )?(${names.join('|')})\\b`, 'g'), spokenToken(code)]);
}

/** The one word for "given in this language", unlike any word of a record's text. */
export function spokenToken(code: string): string {
  return `parlato${code}`;
}

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
  unemployed: 'disoccupati did',
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
  disabilities: 'disabilita collocamento mirato',
  disabled: 'disabilita collocamento mirato',
  appointment: 'appuntamento colloquio',
  cancel: 'disdire annullare disdetta',
  cancelling: 'disdire annullare disdetta',
  classroom: 'classe',
  classrooms: 'classe',
  appointments: 'appuntamento colloquio',
  meeting: 'appuntamento colloquio',
  desk: 'sportello',
  safely: 'sicurezza',
  safe: 'sicurezza',
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
  computer: 'informatica digitali',
  // The partner export files computer courses under "Competenze digitali", never "informatica".
  informatica: 'computer digitali icdl',
  spid: 'identita digitale',
  // Everyday and English words for what the catalogue files under its own names.
  website: 'web sito html',
  websites: 'web sito html',
  sito: 'web',
  siti: 'web',
  webdesign: 'web design',
  design: 'design grafica',
  graphic: 'grafica',
  graphics: 'grafica',
  drawing: 'disegno grafica',
  disegno: 'grafica design',
  disegnare: 'grafica design',
  cook: 'cucina ristorazione',
  cuoco: 'cucina ristorazione',
  cuoca: 'cucina ristorazione',
  cucinare: 'cucina ristorazione',
  pizzaiolo: 'ristorazione cucina',
  cameriere: 'sala bar ristorazione',
  estetista: 'estetica benessere',
  beautician: 'estetica benessere',
  meccanico: 'meccanica riparazione veicoli',
  mechanic: 'meccanica riparazione veicoli',
  car: 'auto veicoli',
  cars: 'auto veicoli',
  auto: 'veicoli',
  elettricista: 'elettrico impianti elettronica',
  electrician: 'elettrico impianti elettronica',
  electronics: 'elettronica',
  agricoltore: 'agricoltura',
  farmer: 'agricoltura',
  farming: 'agricoltura',
  agriculture: 'agricoltura',
  youtuber: 'video videomaking podcast',
  video: 'videomaking',
  videos: 'videomaking video',
  filmare: 'videomaking video',
  app: 'programmazione coding',
  apps: 'programmazione coding',
  programmare: 'programmazione coding',
  ecdl: 'icdl',
  spreadsheet: 'excel',
  fogli: 'excel',
  social: 'social media marketing',
  vendere: 'vendita commerce',
  shop: 'commerce negozio',
  negozio: 'commerce',
  citizenship: 'cittadinanza',
  permit: 'permesso soggiorno',
  degree: 'laurea',
  master: 'laurea magistrale',
  masters: 'laurea magistrale',
  bachelor: 'laurea triennale',
  university: 'universita politecnico',
  evening: 'serale sera',
  night: 'serale sera',
  adult: 'adulti',
  contest: 'concorso call idee',
  competition: 'concorso call idee',
  competitions: 'concorso call idee',
  concorso: 'call idee',
  gara: 'concorso call hackathon',
  ideas: 'idee',
  idea: 'idee',
  team: 'squadre squadra',
  teams: 'squadre squadra',
  visit: 'visita open day',
  visitare: 'visita open day orientamento',
  visite: 'visita open day orientamento',
  counsellor: 'orientamento orientatore',
  counselor: 'orientamento orientatore',
  guidance: 'orientamento',
  career: 'orientamento lavoro',
  advice: 'orientamento consulenza',
  consiglio: 'orientamento',
  consigli: 'orientamento',
  disoccupato: 'disoccupati did',
  disoccupata: 'disoccupati did',
  jobcentre: 'centro impiego',
  benefit: 'naspi indennita',
  benefits: 'naspi indennita',
  sussidio: 'naspi indennita',
  apprentice: 'apprendistato',
  hire: 'assumere assunzioni',
  hiring: 'assumere assunzioni',
  assumere: 'assunzioni',
  welder: 'saldatura',
  saldatore: 'saldatura',
  printer3d: 'stampa 3d',
  robots: 'robotica',
  sensors: 'sensori',
  renewable: 'rinnovabili energia fotovoltaico',
  rinnovabile: 'rinnovabili energia fotovoltaico',
  pannelli: 'fotovoltaico',
  cybersecurity: 'sicurezza informatica',
  hacker: 'sicurezza informatica',
  entrepreneur: 'impresa imprenditoria',
  selfemployed: 'autoimprenditorialita impresa',
  coworking: 'co working',
  analysis: 'analisi',
  chemistry: 'chimica',
  mechanics: 'meccanica',
  mechatronics: 'meccatronica',
  automation: 'automazione',
  digital: 'digitale digitali',
  skills: 'competenze',
  basic: 'base',
  office: 'ufficio',
  health: 'salute sanitario',
  tourism: 'turismo',
  hospitality: 'accoglienza turistica',
  hotel: 'alberghiero',
  restaurant: 'ristorazione',
  kitchen: 'cucina',
  pastry: 'pasticceria',
  bakery: 'panificazione',
  driver: 'autista',
  carpentry: 'falegnameria',
  woodworking: 'falegnameria',
  photography: 'fotografia',
  music: 'musica',
  theatre: 'teatro',
  theater: 'teatro',
  german: 'tedesco',
  french: 'francese',
  spanish: 'spagnolo',
  chinese: 'cinese',
  arabic: 'arabo',
  math: 'matematica',
  maths: 'matematica',
  science: 'scienze',
  engineering: 'ingegneria',
  architecture: 'architettura',
  environment: 'ambiente',
  sustainability: 'sostenibilita',
  software: 'software programmazione',
  milling: 'fresatura',
  virtual: 'virtuale',
  reality: 'realta',
  augmented: 'aumentata',
  entrepreneurship: 'imprenditorialita impresa',
  sales: 'vendita',
  selling: 'vendita',
  customer: 'clienti',
  ecommerce: 'commerce',
  anziano: 'adulti',
  anziana: 'adulti',
  anziani: 'adulti',
  pensionato: 'adulti',
  elderly: 'adulti',
  senior: 'adulti',
};

/**
 * Words that say what someone wants to do or know rather than what about ("diventare", "imparare",
 * "quando scade", "tell me"): they are searched like any other, but a record is not judged a
 * match for containing them. "Corso per diventare infermiere" is about nurses, and a course whose
 * text says "per diventare tecnico" is no answer to it.
 */
export const NOT_TOPICAL = new Set(
  (
    'prenota prenotare prenotami prenotazione prenotazioni prenoto iscrivo iscrivermi iscrivimi iscriversi iscrivere book booking enrol enroll sign session sessions sessione sessioni ' +
    'consigli consigliate consigliare consiglio consigliami suggerisci suggerire suggerimento percorso percorsi recommend suggest ' +
    'inventa inventare inventami crea creare scrivi scrivere immagina invent make write create imagine pretend ' +
    'diventare diventa imparare impara usare utilizzare seguire frequentare trovare cercare cerco cerca cerchiamo sapere sai sapete conoscere ' +
    // What is done with a topic, never which: "portare la classe", "ospitare un tirocinante", "sistemare il curriculum" (hiring, "assumere", is a topic of its own).
    'portare porto portiamo ospitare ospitiamo sistemare ottenere mandare inviare ' +
    'piacerebbe interessa interessato interessata qualcosa cosa tipo info informazioni serve servono bisogno aiuto aiutare aiutami aiutatemi ' +
    'fatto finito dopo adesso ora poi ancora sempre tutti tutto tutte ogni altro altri altra nuovo nuova nuovi prossimo prossima qualche solo soltanto unicamente pure ' +
    'studenti studentesse studente studentessa student ragazzi ragazze alunni allievi persone persona gente classe classi prof professore professoressa ' +
    'trova trovano trovo dimmi dire mostrami elenco lista vedere fammi dammi sapere spiegami vorremmo vogliamo volevo potrei possiamo devo dobbiamo ' +
    'inizia iniziano comincia cominciano parte partono finisce finiscono termina scade scadono scadenza costa costano prezzo prezzi costo ' +
    'quanto quanti quante dove orari orario aperto aperta apre chiude posti liberi disponibili iscrizioni iscrizione iscriversi durata dura ' +
    'contatti contatto telefono email indirizzo requisiti documenti dettagli esiste esistono lezioni lezione arriva arrivare arrivo comune paese citta ' +
    'lessons lesson classes town city parlami parlarmi raccontami ' +
    'tell show give list find looking look need learn become take know now next will would should could also just only new all ' +
    'something anything here got have has one ones start starts begin begins cost costs price much many hours open seats left ' +
    'deadline long contact phone address requirements documents details exist exists people person students pupils kids class ' +
    // When and how often say which edition, not what about ("un corso serale di pasticceria").
    'serale serali sera sere evening evenings pomeridiano pomeridiani pomeriggio mattina mattutino weekend'
  ).split(' '),
);

/**
 * Words of chat that carry no topic and are not searched at all: greetings, pronouns and fillers
 * of both languages, the family a person speaks for, where they live. (Query side only: the
 * stopwords of the index stay as they are, so stored search rows do not change.)
 */
export const FILLER = new Set(
  (
    'ciao salve grazie thanks perfetto ottimo benissimo bene va certo buongiorno buonasera hey hi hello ehi ehila ok okay allora dunque quindi cioe tipo boh beh mah ecco insomma comunque pure anche proprio ' +
    'li la qua qui c e ce sta stai stiamo state stanno avrei avremmo vorrei vorremmo volevo sapevo sai so sapere chiedere domanda domande ' +
    'mio mia miei mie tuo tua nostro nostra vostro vostra fratello sorella figlio figlia figli mamma papa madre padre genitore genitori nonno nonna marito moglie amico amica ' +
    'abito abitiamo vivo viviamo sto ' +
    'our ours us we me you i m s t d ll re ve am is are was were be been do does there here own any some anything something someone thing things ' +
    'total totally really very quite just also too pretty kind sort my mine his her their them they he she brother sister son daughter mum mom dad parent parents friend ' +
    'live living stay staying hey hello hi thanks thank please under over into onto within without has have had ' +
    'venire vengo veniamo andare vado andiamo partecipare partecipo fare faccio facciamo prendere esattamente preciso precisa esatto davvero ' +
    'taught teach teaches held given offered runs tenuto tenuta svolge svolto offre offrite offrono avete fate hai ha hanno exactly ' +
    'finished done completed taken finito finita fatto fatta completato seguito terminato scrivi scrivere write say dire dici ' +
    'vuole vorrebbe vogliono volete pensando penso andarci succede during daytime help helping aiutarmi anything something everything ' +
    'cf chiamatemi chiamami contattatemi contattami scrivetemi richiamatemi conferma confermi confermare confirm want wants wanted wanting need needs needed would like finisco finisce finiamo parlare parlarne qualcuno iscrive iscrivono iscriviamo'
  ).split(' ').filter(Boolean),
);
