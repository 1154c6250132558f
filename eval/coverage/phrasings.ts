import type { Names } from './naming.js';

/**
 * The questions, written as people ask them: formal Italian naming the record as the catalogue
 * does, colloquial Italian (lower case, no accents, chat abbreviations, the record's short name),
 * English, and the follow-up asked once the record is in focus. Placeholders: {T} the quoted name,
 * {il} / {di} the name with its noun and article, {en} the English reference, {s} the short name.
 */
export interface Phrasings {
  formal: string[];
  colloquial: string[];
  en: string[];
  followIt: string[];
  followEn: string[];
}

export type CoverageKind = 'course' | 'site' | 'service' | 'initiative' | 'school';

const p = (formal: string[], colloquial: string[], en: string[], followIt: string[], followEn: string[]): Phrasings => ({ formal, colloquial, en, followIt, followEn });

export const PHRASINGS: Record<CoverageKind, Record<string, Phrasings>> = {
  course: {
    start: p(
      ['Quando inizia il corso {T}?', 'Qual è la data di inizio del corso {T}?', 'Da che giorno parte il corso {T}?'],
      ['quando inizia {s}?', 'qnd inizia {s}?', 'quando parte il corso di {s}', '{s} quando comincia?'],
      ['When does {T} start?', 'What is the start date of the course {T}?', 'When does the course {T} begin?'],
      ['quando inizia?', 'e quando comincia?'],
      ['when does it start?', 'and when does it begin?'],
    ),
    end: p(
      ['Quando finisce il corso {T}?', 'Qual è la data di fine del corso {T}?'],
      ['quando finisce {s}?', '{s} fino a quando dura?', 'quando termina il corso di {s}'],
      ['When does {T} end?', 'When is the last day of the course {T}?'],
      ['quando finisce?', 'e quando termina?'],
      ['when does it end?', 'and when does it finish?'],
    ),
    schedule: p(
      ['In quali giorni e a che ora si tengono le lezioni del corso {T}?', 'Qual è il calendario settimanale del corso {T}?'],
      ['che giorni e a che ora e {s}?', 'quando sono le lezioni di {s}', 'giorni e orari del corso {s}?'],
      ['On which days and at what time are the lessons of {T}?', 'What is the weekly schedule of the course {T}?'],
      ['che giorni e a che ora sono le lezioni?', 'e quando sono le lezioni?'],
      ['what days and times are the lessons?', 'when are the classes?'],
    ),
    place: p(
      ['Dove si svolge il corso {T}?', 'In quale sede si tiene il corso {T}?'],
      ['dove si fa {s}?', 'dv si fa il corso di {s}', '{s} dove e?'],
      ['Where does {T} take place?', 'Where is the course {T} held?'],
      ['dove si svolge?', 'e dove si fa?'],
      ['where is it held?', 'where does it take place?'],
    ),
    cost: p(
      ['Quanto costa il corso {T}?', 'Qual è la quota di iscrizione al corso {T}?'],
      ['quanto costa {s}?', 'quanto costa il corso di {s}', '{s} si paga?'],
      ['How much does {T} cost?', 'What is the fee for the course {T}?'],
      ['quanto costa?', 'e quanto si paga?'],
      ['how much does it cost?', "what's the fee?"],
    ),
    seats: p(
      ['Quanti posti sono ancora disponibili per il corso {T}?', 'Ci sono ancora posti liberi nel corso {T}?'],
      ['ci sono posti per {s}?', 'quanti posti rimangono a {s}', '{s} e pieno?'],
      ['How many seats are left on {T}?', 'Are there still places on the course {T}?'],
      ['ci sono ancora posti?', 'quanti posti restano?'],
      ['are there seats left?', 'how many places are left?'],
    ),
    deadline: p(
      ['Entro quando ci si deve iscrivere al corso {T}?', 'Qual è la scadenza delle iscrizioni al corso {T}?'],
      ['entro quando mi iscrivo a {s}?', 'scadenza iscrizioni {s}?', 'fino a quando ci si puo iscrivere a {s}'],
      ['What is the enrolment deadline for {T}?', 'By when do I have to enrol in {T}?'],
      ['entro quando mi devo iscrivere?', 'qual è la scadenza per iscriversi?'],
      ["what's the enrolment deadline?", 'by when must I sign up?'],
    ),
    duration: p(
      ['Quante ore dura il corso {T}?', 'Qual è la durata in ore del corso {T}?'],
      ['quante ore e {s}?', '{s} quante ore sono', 'quanto dura {s} in ore'],
      ['How many hours is {T}?', 'How long is the course {T} in hours?'],
      ['quante ore dura?', 'e quante ore sono in tutto?'],
      ['how many hours is it?', 'how long is it in hours?'],
    ),
    level: p(
      ['Di che livello è il corso {T}?', 'A quale livello di preparazione è rivolto il corso {T}?'],
      ['{s} che livello e?', 'di che livello e il corso di {s}'],
      ['What level is {T}?', 'Which level is the course {T} aimed at?'],
      ['di che livello è?', 'che livello ha?'],
      ['what level is it?', 'which level is it for?'],
    ),
    mode: p(
      ['In che modalità si svolge il corso {T}?', 'Il corso {T} si può seguire da casa?'],
      ['come si segue {s}?', '{s} si puo fare da casa?'],
      ['How is the course {T} delivered?', 'Can I follow {T} from home?'],
      ['come si segue?', 'si può seguire da casa?'],
      ['how is it delivered?', 'can I follow it from home?'],
    ),
    audience: p(
      ['A chi è rivolto il corso {T}?', 'Chi può partecipare al corso {T}?'],
      ['{s} per chi e?', 'chi puo fare {s}?', 'a chi e rivolto {s}'],
      ['Who is {T} for?', 'Who can take the course {T}?'],
      ['a chi è rivolto?', 'chi può partecipare?'],
      ['who is it for?', 'who can take part?'],
    ),
    prerequisites: p(
      ['Quali requisiti servono per iscriversi al corso {T}?', 'Ci sono prerequisiti per il corso {T}?'],
      ['cosa serve per fare {s}?', 'ci sono requisiti per {s}', 'x fare {s} serve sapere qualcosa prima?'],
      ['What are the prerequisites for {T}?', 'Do I need any prior knowledge for {T}?'],
      ['servono requisiti?', 'cosa devo sapere prima?'],
      ['are there any prerequisites?', 'do I need to know anything beforehand?'],
    ),
    certificate: p(
      ['Che attestato si ottiene con il corso {T}?', 'Cosa si ottiene alla fine del corso {T}?'],
      ['che attestato da {s}?', 'a fine corso di {s} cosa mi danno?', '{s} rilascia un attestato?'],
      ['What certificate do I get from {T}?', 'What do I receive at the end of the course {T}?'],
      ['che attestato rilascia?', 'cosa si ottiene alla fine?'],
      ['what certificate do I get?', 'what do I get at the end?'],
    ),
    provider: p(
      ['Quale ente organizza il corso {T}?', 'Chi eroga il corso {T}?'],
      ['chi fa il corso {s}?', 'chi organizza {s}'],
      ['Who runs {T}?', 'Which organisation provides the course {T}?'],
      ['chi lo organizza?', 'quale ente lo tiene?'],
      ['who runs it?', 'which organisation provides it?'],
    ),
    language: p(
      ['In che lingua si tiene il corso {T}?', 'In quale lingua sono le lezioni del corso {T}?'],
      ['{s} in che lingua e?', 'in che lingua fanno {s}'],
      ['What language is {T} taught in?', 'In which language are the lessons of {T}?'],
      ['in che lingua è?', 'in che lingua sono le lezioni?'],
      ['what language is it taught in?', 'which language are the lessons in?'],
    ),
    description: p(
      ['Di cosa tratta il corso {T}?', 'Che cosa si impara nel corso {T}?'],
      ['di cosa parla {s}?', 'cosa si fa a {s}', '{s} cos e?'],
      ['What is {T} about?', 'What will I learn in {T}?'],
      ['di cosa tratta?', 'cosa si impara?'],
      ['what is it about?', 'what will I learn?'],
    ),
  },
  site: {
    address: p(
      ['Qual è l\'indirizzo della sede {T}?', 'Dove si trova {T}?'],
      ['indirizzo {s}?', 'dove sta {s}', 'dov e {s}?'],
      ['What is the address of {T}?', 'Where is {T}?'],
      ["qual è l'indirizzo?", 'dove si trova?'],
      ["what's the address?", 'where is it?'],
    ),
    'opening-hours': p(
      ['Quali sono gli orari di apertura di {T}?', 'Quando è aperta la sede {T}?'],
      ['orari {s}?', 'orari del {s}', 'a che ora apre {s}?'],
      ['What are the opening hours of {T}?', 'When is {T} open?'],
      ['e gli orari?', 'quando è aperto?'],
      ['what are the opening hours?', 'when is it open?'],
    ),
    labs: p(
      ['Quali laboratori ci sono nella sede {T}?', 'Che laboratori ha {T}?'],
      ['che laboratori ha {s}?', 'che lab ci sono a {s}', 'laboratori del {s}?'],
      ['Which labs are there at {T}?', 'What labs does {T} have?'],
      ['che laboratori ci sono?', 'quali laboratori ha?'],
      ['which labs does it have?', 'what labs are there?'],
    ),
    equipment: p(
      ['Che attrezzature ha {il}?', 'Quali macchine e strumenti ci sono nel laboratorio {T}?'],
      ['che attrezzature ha {s}?', 'che macchinari ci sono, {s}?', 'cosa c e dentro {s}'],
      ['What equipment does {en} have?', 'Which machines and tools are there in {en}?'],
      ['che attrezzature ci sono?', 'che macchinari ha?'],
      ['what equipment is there?', 'which machines does it have?'],
    ),
    capacity: p(
      ['Quante persone può ospitare {il}?', 'Qual è la capienza {di}?'],
      ['quanti ci stanno in {s}?', 'quante persone tiene {s}?', 'ci sta una classe intera in {s}?'],
      ['How many people can {en} hold?', 'What is the capacity of {en}?'],
      ['quante persone può ospitare?', 'qual è la capienza?'],
      ['how many people can it hold?', "what's its capacity?"],
    ),
    accessibility: p(
      ['Una persona in sedia a rotelle può entrare nella sede {T}?', 'Quali accorgimenti ci sono per le persone con disabilità nella sede {T}?'],
      ['si entra in carrozzina a {s}?', 'posso andare a {s} in sedia a rotelle?'],
      ['Can someone in a wheelchair get into {T}?', 'What is there for people with disabilities at {T}?'],
      ['si entra in carrozzina?', 'ci si arriva in sedia a rotelle?'],
      ['can I get in with a wheelchair?', 'what about people with disabilities?'],
    ),
    directions: p(
      ['Come si arriva alla sede {T}?', 'Come posso raggiungere {T} con i mezzi pubblici?'],
      ['come ci arrivo a {s}?', 'cm arrivo al {s}', 'come si arriva a {s}?'],
      ['How do I get to {T}?', 'How can I reach {T} by public transport?'],
      ['come ci arrivo?', 'e come si arriva?'],
      ['how do I get there?', 'how can I reach it?'],
    ),
    phone: p(
      ['Qual è il numero di telefono di {T}?', 'A quale numero posso telefonare alla sede {T}?'],
      ['numero di telefono {s}?', 'come chiamo {s}', 'tel del {s}?'],
      ['What is the phone number of {T}?', 'Which number can I call for {T}?'],
      ['qual è il numero di telefono?', 'a che numero chiamo?'],
      ["what's the phone number?", 'which number do I call?'],
    ),
    email: p(
      ["Qual è l'indirizzo email della sede {T}?", 'A quale email posso scrivere alla sede {T}?'],
      ['mail {s}?', 'a che mail scrivo x {s}', 'email del {s}?'],
      ['What is the email address of {T}?', 'Which email can I write to for {T}?'],
      ["qual è l'email?", 'a che indirizzo email scrivo?'],
      ["what's the email address?", 'which email do I write to?'],
    ),
    website: p(
      ['Qual è il sito web della sede {T}?', 'Dove trovo online le informazioni sulla sede {T}?'],
      ['sito internet {s}?', '{s} ha un sito?', 'link del sito di {s}'],
      ['What is the website of {T}?', 'Where can I find {T} online?'],
      ["qual è il sito web?", 'ha un sito internet?'],
      ["what's the website?", 'does it have a website?'],
    ),
    provider: p(
      ['Chi gestisce la sede {T}?', 'A quale ente fa capo la sede {T}?'],
      ['di chi e {s}?', 'chi gestisce {s}'],
      ['Who runs {T}?', 'Which organisation runs {T}?'],
      ['chi la gestisce?', 'a quale ente fa capo?'],
      ['who runs it?', 'which organisation is it part of?'],
    ),
  },
  service: {
    access: p(
      ['Come si accede al servizio {T}?', 'Come faccio a usufruire del servizio {T}?'],
      ['come si fa {s}?', 'come faccio per {s}', 'cm si accede a {s}?'],
      ['How do I access {T}?', 'How can I use the service {T}?'],
      ['come si fa?', 'come posso accedere?'],
      ['how do I access it?', 'how do I get it?'],
    ),
    documents: p(
      ['Quali documenti servono per il servizio {T}?', 'Che documenti devo portare per il servizio {T}?'],
      ['che documenti servono per {s}?', 'cosa devo portare per {s}', 'documenti x {s}?'],
      ['What documents do I need for {T}?', 'Which papers should I bring for {T}?'],
      ['che documenti servono?', 'cosa devo portare?'],
      ['what documents do I need?', 'what should I bring?'],
    ),
    where: p(
      ['Dove si può fare il servizio {T}?', 'In quali sedi è disponibile il servizio {T}?'],
      ['dove si fa {s}?', 'dove posso fare {s}', 'dv trovo {s}?'],
      ['Where can I get {T}?', 'At which offices is {T} available?'],
      ['dove si fa?', 'in quali sedi?'],
      ['where can I do it?', 'at which offices?'],
    ),
    appointment: p(
      ['Quanto dura un appuntamento per il servizio {T}?', 'Quanto tempo devo prevedere per l\'appuntamento del servizio {T}?'],
      ['quanto dura l appuntamento x {s}?', '{s} quanto dura il colloquio?', 'quanto tempo ci vuole per {s}?'],
      ['How long is an appointment for {T}?', 'How much time should I plan for the {T} appointment?'],
      ["quanto dura l'appuntamento?", 'quanto tempo ci vuole?'],
      ['how long is the appointment?', 'how much time does it take?'],
    ),
    booking: p(
      ['Per il servizio {T} bisogna fissare un incontro prima o si va direttamente?'],
      ['x {s} bisogna fissare prima o vado e basta?', '{s} devo fissare un incontro?'],
      ['For {T}, do I need to arrange a meeting first or can I just go?'],
      ['bisogna fissare un incontro prima?'],
      ['do I need to arrange a meeting first?'],
    ),
    languages: p(
      ['In quali lingue è disponibile il servizio {T}?', 'In che lingue si può fare il servizio {T}?'],
      ['in che lingue si puo fare {s}?', '{s} lo fate anche in altre lingue?'],
      ['In which languages is {T} available?', 'What languages can I use for {T}?'],
      ['in che lingue è disponibile?', 'in quali lingue si può fare?'],
      ['in which languages is it available?', 'what languages do you offer it in?'],
    ),
    cost: p(
      ['Quanto costa il servizio {T}?', 'Il servizio {T} è a pagamento?'],
      ['{s} si paga?', 'quanto costa {s}?'],
      ['How much does {T} cost?', 'Do I have to pay for {T}?'],
      ['quanto costa?', 'si paga?'],
      ['how much does it cost?', 'do I have to pay?'],
    ),
    audience: p(
      ['A chi è rivolto il servizio {T}?', 'Chi può usare il servizio {T}?'],
      ['{s} per chi e?', 'chi puo fare {s}?'],
      ['Who is {T} for?', 'Who can use {T}?'],
      ['a chi è rivolto?', 'chi può usarlo?'],
      ['who is it for?', 'who can use it?'],
    ),
    description: p(
      ["Che cos'è il servizio {T}?", 'In cosa consiste il servizio {T}?'],
      ['cos e {s}?', 'a cosa serve {s}?', '{s} cos e'],
      ['What is {T}?', 'What does the service {T} offer?'],
      ["che cos'è?", 'in cosa consiste?'],
      ['what is it?', 'what does it offer?'],
    ),
  },
  initiative: {
    dates: p(
      ["Quando si svolge l'iniziativa {T}?", "In che date è l'iniziativa {T}?"],
      ['quando e {s}?', '{s} che date sono?', 'quando si fa {s}'],
      ['When is {T}?', 'What are the dates of {T}?'],
      ['quando si svolge?', 'in che date è?'],
      ['when is it?', 'what are the dates?'],
    ),
    deadline: p(
      ['Qual è la scadenza per candidarsi a {T}?', "Entro quando bisogna iscriversi all'iniziativa {T}?"],
      ['entro quando mi candido a {s}?', 'scadenza {s}?', 'fino a qnd ci si iscrive a {s}'],
      ['What is the application deadline for {T}?', 'By when do I have to apply for {T}?'],
      ['entro quando bisogna candidarsi?', "qual è la scadenza?"],
      ["what's the deadline to apply?", 'by when do I have to apply?'],
    ),
    audience: p(
      ["A chi è rivolta l'iniziativa {T}?", 'Chi può partecipare a {T}?'],
      ['{s} per chi e?', 'chi puo partecipare a {s}?'],
      ['Who is {T} for?', 'Who can take part in {T}?'],
      ['a chi è rivolta?', 'chi può partecipare?'],
      ['who is it for?', 'who can take part?'],
    ),
    sponsors: p(
      ["Quali sono le imprese madrine dell'iniziativa {T}?", "Quali aziende sostengono l'iniziativa {T}?"],
      ['che aziende ci sono dietro {s}?', 'imprese madrine di {s}?'],
      ['Which companies sponsor {T}?', 'Who are the sponsor companies of {T}?'],
      ['quali sono le imprese madrine?', 'che aziende la sostengono?'],
      ['which companies sponsor it?', 'who are the sponsors?'],
    ),
    place: p(
      ["Dove si svolge l'iniziativa {T}?", "In quale sede si tiene l'iniziativa {T}?"],
      ['dove si fa {s}?', '{s} dove e?'],
      ['Where does {T} take place?', 'Where is {T} held?'],
      ['dove si svolge?', 'e dove si tiene?'],
      ['where does it take place?', 'where is it held?'],
    ),
    apply: p(
      ["Come si partecipa all'iniziativa {T}?", 'Come ci si candida a {T}?'],
      ['come partecipo a {s}?', 'come mi iscrivo a {s}', 'cm si partecipa a {s}?'],
      ['How do I take part in {T}?', 'How can I apply for {T}?'],
      ['come si partecipa?', 'come ci si candida?'],
      ['how do I take part?', 'how do I apply?'],
    ),
    description: p(
      ["In cosa consiste l'iniziativa {T}?", "Che cos'è {T}?"],
      ['cos e {s}?', 'di cosa si tratta {s}', '{s} cos e'],
      ['What is {T} about?', 'What is {T}?'],
      ['di cosa si tratta?', 'in cosa consiste?'],
      ['what is it about?', 'what is it?'],
    ),
  },
  school: {
    address: p(
      ["Qual è l'indirizzo {di}?", 'Dove si trova {il}?'],
      ['indirizzo {s}?', 'dove sta {s}', 'dov e {s}?'],
      ['What is the address of {en}?', 'Where is {en}?'],
      ["qual è l'indirizzo?", 'dove si trova?'],
      ["what's the address?", 'where is it?'],
    ),
    comune: p(
      ['In quale comune si trova {il}?', 'In che comune ha sede {il}?'],
      ['{s} in che paese e?', 'in che comune sta {s}?'],
      ['In which town is {en}?', 'Which municipality is {en} in?'],
      ['in che comune si trova?', 'in che paese è?'],
      ['which town is it in?', 'what municipality is it in?'],
    ),
    email: p(
      ["Qual è l'indirizzo email {di}?", 'Qual è la casella di posta elettronica {di}?'],
      ['mail {s}?', 'indirizzo email {s}?'],
      ['What is the email address of {en}?', 'Which email can I write to for {en}?'],
      ["qual è l'email?", 'a che email scrivo?'],
      ["what's the email address?", 'which email do I write to?'],
    ),
    website: p(
      ['Qual è il sito web {di}?', 'Dove trovo online {il}?'],
      ['sito {s}?', 'sito internet {s}'],
      ['What is the website of {en}?', 'Where can I find {en} online?'],
      ['qual è il sito web?', 'ha un sito internet?'],
      ["what's the website?", 'does it have a website?'],
    ),
    type: p(
      ['Che tipo di scuola è {il}?', 'Di che grado di istruzione è {il}?'],
      ['{s} che scuola e?', 'che tipo di scuola e {s}?'],
      ['What kind of school is {en}?', 'Which level of education is {en}?'],
      ['che tipo di scuola è?', 'di che grado è?'],
      ['what kind of school is it?', 'which level is it?'],
    ),
  },
};

/** Fills a template with the names of the record it asks about. */
export function fill(template: string, names: Names): string {
  return template.replace(/\{(T|il|di|en|s)\}/g, (_, k: keyof Names) => names[k]);
}

/** FNV-1a: a stable number from a text, so the same catalogue always gets the same questions. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The templates of a list in the order to try them, starting at one the seed picks. */
export function rotation<T>(list: readonly T[], seed: string): T[] {
  if (list.length === 0) return [];
  const start = hash(seed) % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

/** Words people ask with; a typo goes into one of them, never into the record's name. */
const QUESTION_WORDS = new Set([
  'quando', 'quanto', 'quanti', 'quante', 'dove', 'come', 'quale', 'quali', 'cosa', 'orari', 'orario', 'serve', 'servono', 'entro', 'indirizzo', 'numero',
  'telefono', 'documenti', 'attestato', 'livello', 'requisiti', 'lingua', 'lingue', 'scadenza', 'costa', 'inizia', 'finisce', 'termina', 'dura', 'parte',
  'laboratori', 'attrezzature', 'macchinari', 'persone', 'posti', 'rimangono', 'iscrivo', 'iscrive', 'candido', 'partecipo', 'organizza', 'gestisce',
  'comincia', 'arrivo', 'arriva', 'chiamo', 'scrivo', 'devo', 'bisogna', 'fissare', 'aziende', 'imprese', 'madrine', 'tempo', 'paese', 'comune', 'sito',
  'giorni', 'lezioni', 'rivolto', 'partecipare', 'portare', 'carrozzina', 'sedia', 'appuntamento', 'colloquio', 'internet', 'scuola', 'tipo',
]);

/**
 * One letter wrong in the first question word: two letters swapped, one dropped or one doubled,
 * as thumbs do ("qunado inizia", "quato costa"). Undefined when the text has no such word.
 */
export function withTypo(text: string, seed: string, name = ''): string | undefined {
  const tokens = text.split(/(\s+)/);
  const bare = (t: string) => t.toLowerCase().replace(/[^a-z]/g, '');
  const named = new Set(name.split(' '));
  let at = tokens.findIndex((t) => QUESTION_WORDS.has(bare(t)) && bare(t).length >= 4);
  // No question word: another word of the question, still never one of the record's name.
  if (at < 0) at = tokens.findIndex((t) => bare(t).length >= 4 && !named.has(bare(t)));
  if (at < 0) return undefined;
  const token = tokens[at]!;
  const word = token.replace(/[^a-z]/gi, '');
  const h = hash(seed);
  const i = 1 + (h % (word.length - 2));
  let wrong: string;
  switch ((h >>> 8) % 3) {
    case 0:
      wrong = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
      break;
    case 1:
      wrong = word.slice(0, i) + word.slice(i + 1);
      break;
    default:
      wrong = word.slice(0, i) + word[i]! + word.slice(i);
  }
  if (wrong === word) wrong = word.slice(0, i) + word.slice(i + 1);
  tokens[at] = token.replace(word, wrong);
  return tokens.join('');
}
