import type { Audience, Level, Mode } from '../../../domain/model/index.js';
import type { KeywordTable } from '../keywords.js';

/**
 * The words of the LTO office's spreadsheets and the model values they stand for. Order matters:
 * the first entry with a matching phrase wins, so specific phrases come before general ones.
 */

export const AUDIENCE: KeywordTable<Audience> = [
  [['studenti', 'studentesse', 'studente', 'ragazzi', 'ragazze', 'alunni', 'allievi'], 'students'],
  [['docenti', 'docente', 'insegnanti', 'insegnante'], 'teachers'],
  [['stranieri', 'straniere', 'straniero', 'straniera', 'cittadini non ue', 'migranti'], 'foreigners'],
  [['neet', 'non studiano e non lavorano', 'garanzia giovani'], 'neet'],
  [['disoccupati', 'disoccupate', 'disoccupato', 'disoccupazione', 'inoccupati', 'in cerca di lavoro', 'cerca lavoro', 'cercano lavoro'], 'unemployed'],
  [['adulti', 'adulte', 'adulto', 'lavoratori', 'lavoratrici', 'occupati', 'persone', 'diplomati', 'laureati', 'tecnici', 'agricoltori', 'cambiare lavoro'], 'adults'],
  [['imprese', 'aziende', 'imprenditori', 'titolari', 'startup', 'freelance', 'artigiani'], 'companies'],
  [['famiglie', 'famiglia', 'genitori'], 'families'],
];

export const LEVEL: KeywordTable<Level> = [
  // Post-diploma and university programmes come first: "Post-diploma (ITS)" also says "diploma".
  [['avanzato', 'avanzata', 'post diploma', 'its', 'universitario', 'universitaria', 'advanced'], 'advanced'],
  [['intermedio', 'intermedia', 'diploma', 'intermediate'], 'intermediate'],
  // An IeFP qualification starts from the middle-school licence: an entry level.
  [['base', 'principianti', 'iniziale', 'qualifica professionale', 'beginner'], 'beginner'],
];

export const MODE: KeywordTable<Mode> = [
  [['blended', 'mista', 'misto', 'ibrida', 'ibrido'], 'blended'],
  [['online', 'on line', 'a distanza', 'e learning', 'webinar'], 'online'],
  [['in presenza', 'presenza', 'in aula', 'aula'], 'presence'],
];

export const LANGUAGE: KeywordTable<string> = [
  [['italiano', 'italian', 'it'], 'it'],
  [['inglese', 'english', 'en'], 'en'],
  [['francese', 'french', 'fr'], 'fr'],
  [['tedesco', 'german', 'de'], 'de'],
  [['spagnolo', 'spanish', 'es'], 'es'],
  [['arabo', 'arabic', 'ar'], 'ar'],
  [['punjabi', 'panjabi', 'pa'], 'pa'],
  [['urdu', 'ur'], 'ur'],
  [['hindi', 'hi'], 'hi'],
  [['bengalese', 'bangla', 'bn'], 'bn'],
  [['cinese', 'chinese', 'zh'], 'zh'],
  [['rumeno', 'romeno', 'ro'], 'ro'],
  [['albanese', 'sq'], 'sq'],
  [['ucraino', 'uk'], 'uk'],
  [['russo', 'ru'], 'ru'],
  [['portoghese', 'pt'], 'pt'],
];

export const SERVICE_CATEGORY: KeywordTable<'job' | 'orientation' | 'self_employment' | 'training' | 'business'> = [
  [['orientamento'], 'orientation'],
  [['autoimprenditorialita', 'autoimpiego', 'nuove imprese', 'creazione d impresa'], 'self_employment'],
  [['servizi per il lavoro', 'lavoro', 'impiego', 'tirocini'], 'job'],
  [['formazione', 'laboratori', 'laboratorio', 'corsi'], 'training'],
  [['imprese', 'aziende', 'servizi alle imprese'], 'business'],
];

export const INITIATIVE_KIND: KeywordTable<'call' | 'event' | 'open_day' | 'hackathon' | 'contest'> = [
  [['hackathon'], 'hackathon'],
  [['concorso', 'contest', 'gara', 'premio', 'challenge'], 'contest'],
  // "Settimana dell'orientamento": schools open their doors before enrolment.
  [['open day', 'scuole aperte', 'porte aperte', 'orientamento'], 'open_day'],
  [['call', 'bando', 'avviso', 'pre incubazione', 'incubazione', 'candidature'], 'call'],
  [['evento', 'incontro', 'recruiting day', 'job day', 'convegno', 'seminario', 'workshop', 'fiera', 'festival'], 'event'],
];

export const SLOT_KIND: KeywordTable<'course' | 'appointment' | 'lab' | 'event'> = [
  [['iscrizione corso', 'corso', 'iscrizione'], 'course'],
  [['appuntamento', 'colloquio'], 'appointment'],
  [['laboratorio per classi', 'laboratorio', 'lab'], 'lab'],
  [['evento', 'open day', 'incontro'], 'event'],
];

/** Read from the site's name and its institution together; a school code alone means a school lab. */
export const SITE_KIND: KeywordTable<'hub' | 'school_lab' | 'training_centre' | 'cpia' | 'job_centre' | 'chamber' | 'university'> = [
  [['centro per l impiego', 'centri per l impiego', 'cpi'], 'job_centre'],
  [['cpia', 'c p i a'], 'cpia'],
  [['camera di commercio'], 'chamber'],
  [['politecnico', 'universita', 'university'], 'university'],
  [['hub'], 'hub'],
  [['for ma', 'cfp', 'centro di formazione', 'formazione professionale', 'formazione'], 'training_centre'],
  [['fablab', 'micro fablab', 'lab', 'laboratorio', 'istituto', 'liceo'], 'school_lab'],
];
