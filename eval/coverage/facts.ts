import { STOPWORDS } from '../../text/stopwords.js';
import { fold, words } from '../../text/normalize.js';

/**
 * The ways a fact of a record may be written in a good answer, in Italian or English: each list
 * is "any of" for a `says` check. Derived from the record's value only, never from a reply, and
 * matched as the text checks match (folded, from a word start, a number whole).
 */

export const IT_MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const IT_DAYS = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];
const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Abbreviations partners write in hours ("lun-ven"); read whole words only. */
const DAY_ABBREVIATIONS = ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'];

const pad = (n: number) => String(n).padStart(2, '0');
const unique = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
const ordinal = (d: number) => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

/** "2027-01-13": 13 gennaio, 13/01, 13/1, 13 January, January 13, 13th January, 2027-01-13. */
export function dateForms(iso: string): string[] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const it = IT_MONTHS[m - 1]!;
  const en = EN_MONTHS[m - 1]!;
  return unique([
    `${d} ${it}`,
    ...(d === 1 ? [`primo ${it}`] : []),
    `${pad(d)}/${pad(m)}`,
    `${d}/${m}`,
    `${d} ${en}`,
    `${d}${ordinal(d)} ${en}`,
    `${en} ${d}`,
    `${y}-${pad(m)}-${pad(d)}`,
  ]);
}

/** 120 -> "120" (also finds "120,00 €" and "€120"); 1200 -> also "1.200"; 99.5 -> "99,50". */
export function amountForms(amount: number): string[] {
  if (!Number.isInteger(amount)) {
    const [int, cents] = amount.toFixed(2).split('.') as [string, string];
    return [`${int},${cents}`];
  }
  const grouped = amount >= 1000 ? [String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')] : [];
  return unique([String(amount), ...grouped]);
}

export const FREE = ['gratuit', 'gratis', 'free of charge', 'for free', 'is free', "it's free", 'free', 'senza costi', 'nessun costo', 'no cost', 'non si paga', '0 euro', '0,00'];

/** Seats left: "12 posti", "12 liberi", "12 of 20", "posti: 12", "restano 12"... */
export function seatForms(left: number, of: number | undefined): string[] {
  if (left <= 0) return ['esaurit', 'pieno', 'completo', 'full', 'no seats', 'no places', 'nessun posto', '0 posti', "lista d'attesa", 'waiting list', 'waitlist', 'sold out'];
  const nouns = ['posti', 'posto', 'seats', 'seat', 'places', 'place', 'spots', 'liberi', 'libero', 'disponibili', 'left', 'available', 'free', 'remaining', 'rimasti', 'rimanenti'];
  return unique([
    ...nouns.map((w) => `${left} ${w}`),
    ...(of !== undefined ? [`${left} su ${of}`, `${left} of ${of}`, `${left}/${of}`] : []),
    ...['posti', 'posti liberi', 'posti disponibili', 'seats', 'seats left', 'places left', 'ancora', 'restano', 'rimangono', 'only'].map((w) => `${w} ${left}`),
  ]);
}

export function hoursForms(hours: number): string[] {
  const n = Number.isInteger(hours) ? String(hours) : String(hours).replace('.', ',');
  return unique([`${n} ore`, `${n} hours`, `${n} hrs`, `${n}h`, `${n} h`, `ore ${n}`, `hours ${n}`, `durata ${n}`, `${n} ore di`, `${String(hours)} hours`]);
}

export function minutesForms(minutes: number): string[] {
  const forms = [`${minutes} minuti`, `${minutes} minutes`, `${minutes} min`, `${minutes}'`];
  if (minutes === 60) forms.push("un'ora", 'one hour', 'an hour', '1 ora', '1 hour');
  if (minutes === 30) forms.push("mezz'ora", 'half an hour', 'mezzora');
  if (minutes === 90) forms.push("un'ora e mezza", 'an hour and a half', '1 ora e mezza');
  if (minutes === 120) forms.push('due ore', 'two hours', '2 ore', '2 hours');
  return unique(forms);
}

export function ageForms(age: number): string[] {
  return unique([`${age} anni`, `${age} years`, `${age}+`, `aged ${age}`, `age ${age}`, `eta minima ${age}`, `minimum age ${age}`, `over ${age}`, `${age} anno`]);
}

/** "0376 000101": as written, every digit together, and the area code apart from the rest. */
export function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const [prefix, ...rest] = phone.replace(/^\s*(\+|00)39\s*/, '').trim().split(/[\s./-]+/);
  return unique([phone, digits.replace(/^39(?=0)/, ''), ...(rest.length ? [`${prefix} ${rest.join('')}`] : [])]);
}

export function emailForms(email: string): string[] {
  return [email.trim().toLowerCase()];
}

/** A web address with and without its scheme and "www." (registry quirks such as "https//" too). */
export function websiteForms(url: string): string[] {
  const bare = url.trim().replace(/^[a-z]+:?\/\//i, '').replace(/\/+$/, '');
  const host = bare.replace(/^www\.?/i, '');
  return unique([bare.toLowerCase(), host.toLowerCase()]);
}

/** Weekday names, Italian and English, and the first day the text names (full or abbreviated). */
export function firstWeekday(text: string): number | undefined {
  const ws = words(text);
  for (const w of ws) {
    const full = IT_DAYS.findIndex((d) => fold(d) === w || (w.length >= 5 && fold(d).startsWith(w)));
    if (full >= 0) return full;
    const en = EN_DAYS.findIndex((d) => d.toLowerCase() === w);
    if (en >= 0) return en;
    const short = DAY_ABBREVIATIONS.indexOf(w);
    if (short >= 0) return short;
  }
  return undefined;
}

export function weekdayForms(day: number): string[] {
  return [IT_DAYS[day]!, EN_DAYS[day]!];
}

/** The first time of day the text gives: "14:30" -> 14:30, 14.30, 2:30 pm, 2.30pm. */
export function firstTimeForms(text: string): string[] | undefined {
  const m = /(?<![\d:.])(\d{1,2})[:.](\d{2})(?![\d])/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mm = m[2]!;
  if (h > 23 || Number(mm) > 59) return undefined;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const ampm = h < 12 ? 'am' : 'pm';
  return unique([`${h}:${mm}`, `${pad(h)}:${mm}`, `${h12}:${mm} ${ampm}`, `${h12}:${mm}${ampm}`, ...(mm === '00' ? [`${h12} ${ampm}`, `${h12}${ampm}`, `ore ${h}:00`] : [])]);
}

/** Words that say nothing of what a text holds on its own: kept out of distinctive words. */
const GENERIC = new Set(
  [
    'corso', 'corsi', 'servizio', 'servizi', 'sede', 'sedi', 'iniziativa', 'laboratorio', 'laboratori', 'scuola', 'istituto', 'presso', 'anche', 'tutti', 'tutte',
    'ogni', 'sono', 'essere', 'viene', 'vengono', 'puoi', 'possono', 'deve', 'devono', 'serve', 'servono', 'altro', 'altri', 'altre', 'molto', 'dopo', 'prima',
    'circa', 'oppure', 'della', 'delle', 'degli', 'nella', 'nelle', 'negli', 'sulla', 'alla', 'alle', 'agli', 'dalla', 'dalle', 'dagli', 'quindi', 'poi', 'cosi',
    'documento', 'documenti', 'mantova', 'mantovano', 'mantovana', 'provincia', 'lto', 'rete', 'aver', 'solo', 'senza', 'fino', 'dici', 'puoi', 'fare',
    'sempre', 'dove', 'quando', 'tutto', 'stesso', 'stessa', 'proprio', 'propria', 'saper', 'sapere', 'usare', 'buona', 'buon', 'secondo', 'anni', 'anno', 'years',
  ].map(fold),
);

/** A word cut to what its inflections share in Italian: "stampanti" -> "stampant" (finds "stampante"). */
export function stem(word: string): string {
  return word.length >= 6 && /[aeiou]$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * The words that tell this text apart: in order, not function words, not generic ones, not in
 * `exclude` (the record's name, which any answer about it shows anyway), cut to their stem.
 */
export function distinctiveStems(text: string, exclude: ReadonlySet<string> = new Set(), max = 3): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const isCode = /\d/.test(w) && /[a-z]/.test(w);
    if (!isCode && (w.length < 4 || /^\d+$/.test(w))) continue;
    if (STOPWORDS.has(w) || GENERIC.has(w) || exclude.has(w) || exclude.has(stem(w))) continue;
    const s = stem(w);
    if (!out.includes(s)) out.push(s);
    if (out.length >= max) break;
  }
  return out;
}

/** The text's first words, as a verbatim quote would start: the surest rendering of a text. */
export function opening(text: string, n = 3): string {
  const first = text.split(/[.;:()\n]/)[0] ?? text;
  return words(first).slice(0, n).join(' ');
}

/** The words of a name, folded: what a question naming the record already says. */
export function nameWords(...names: (string | undefined)[]): Set<string> {
  const set = new Set<string>();
  for (const n of names) for (const w of words(n ?? '')) set.add(w).add(stem(w));
  return set;
}

/**
 * English for the words catalogue texts use most, so an answer in English that translates the
 * record is read as fairly as one that quotes it. Keys are Italian stems as distinctiveStems cuts them.
 */
const GLOSSARY: Record<string, string[]> = {
  attestat: ['certificate'], frequenz: ['attendance'], certificazion: ['certification', 'certificate'], qualific: ['qualification'], diplom: ['diploma'],
  patentin: ['licence', 'license', 'certificate'], abilitazion: ['qualification', 'licence', 'license'], badge: ['badge'],
  identit: ['identity', 'id card', 'passport'], fiscal: ['tax code', 'fiscal code', 'tax number'], sanitari: ['health card', 'health insurance card'],
  soggiorn: ['residence permit', 'permit of stay'], curriculum: ['cv', 'resume', 'résumé'], ricevut: ['receipt'], foto: ['photo'], fototessera: ['photo'],
  stazion: ['station'], autobus: ['bus'], fermat: ['stop', 'bus stop'], piedi: ['walk', 'on foot'], treno: ['train'], parchegg: ['parking', 'car park'],
  linea: ['line'], linee: ['lines'], minuti: ['minutes'], ascensor: ['lift', 'elevator'], rampa: ['ramp'], rampe: ['ramps'], barrier: ['barrier', 'barrier-free', 'step-free'],
  bagno: ['toilet', 'restroom', 'bathroom'], accessibil: ['accessible', 'accessibility', 'wheelchair'], ingresso: ['entrance'], piano: ['floor'], terra: ['ground'],
  stampant: ['printer', 'printers'], taglio: ['cutter', 'cutting'], laser: ['laser'], fresatric: ['milling', 'mill', 'cnc'], robot: ['robot'], robotic: ['robotics', 'robot'],
  saldatur: ['welding'], saldator: ['soldering', 'welding'], postazion: ['workstation', 'station'], computer: ['computer'], informatic: ['computer', 'it lab', 'computing'],
  meccatronic: ['mechatronics'], pneumatic: ['pneumatic'], visori: ['headset', 'vr'], scanner: ['scanner'], lavagn: ['whiteboard', 'board'],
  student: ['student'], studenti: ['students'], adulti: ['adults'], giovani: ['young'], disoccupat: ['unemployed', 'jobless'], docent: ['teacher'], stranier: ['foreign'],
  nessun: ['none', 'no prerequisites', 'no requirements', 'nothing required', 'not required'], nessuno: ['none', 'no prerequisites', 'no requirements'],
  esami: ['exam', 'exams'], esame: ['exam'], materiali: ['materials', 'material'], reddito: ['income'], tasse: ['fees', 'tuition'], universitari: ['university'],
  conoscenz: ['knowledge'], base: ['basic'], elettrotecnic: ['electrical engineering', 'electrotechnics'], programmazion: ['programming'], livello: ['level'],
  inglese: ['english'], italiano: ['italian'], licenza: ['diploma', 'certificate'], media: ['middle school'], squadr: ['team', 'teams'], candidatur: ['application', 'apply'],
  modulo: ['form'], presentazion: ['presentation', 'pitch'], iscrizion: ['enrolment', 'registration', 'enrollment'], appuntament: ['appointment'], prenot: ['book', 'booking'],
  colloqui: ['interview', 'meeting'], orientament: ['guidance', 'orientation'], lavoro: ['work', 'job'], impres: ['business', 'company', 'companies'], aziend: ['company', 'companies'],
};

/** The English a stem may be translated with, when the glossary knows it. */
export function translations(stems: readonly string[]): string[] {
  return unique(stems.flatMap((s) => GLOSSARY[s] ?? []));
}

/**
 * A description: its opening as quoted and its longest distinctive words (the rarest, as a rule),
 * which a summary in other words still keeps: "Scratch", "programmare", "computazionale".
 */
export function descriptionForms(text: string, exclude: ReadonlySet<string>, max = 4): string[] {
  const stems = distinctiveStems(text, exclude, 1000);
  const longest = stems.map((s, i) => ({ s, i })).sort((a, b) => b.s.length - a.s.length || a.i - b.i).slice(0, max).map((x) => x.s);
  const open = opening(text);
  return unique([...(open && !exclude.has(open) ? [open] : []), ...longest, ...translations(longest)]);
}

/** A text field: its opening as quoted, its first distinctive words, their English. */
export function textForms(text: string, exclude: ReadonlySet<string>, max = 3): string[] {
  const stems = distinctiveStems(text, exclude, max);
  const open = opening(text);
  return unique([...(open && !exclude.has(open) ? [open] : []), ...stems, ...translations(stems)]);
}

/** Yes/no answers ("Sì", "No") that say nothing a check could find on their own. */
export const isBareYesNo = (text: string) => /^(si|no|yes)$/.test(fold(text));

/** Who a record is for, by the model's audience codes. */
export const AUDIENCE_FORMS: Record<string, string[]> = {
  students: ['student', 'ragazz', 'alunn', 'pupil'],
  adults: ['adult'],
  teachers: ['docent', 'insegnant', 'teacher'],
  foreigners: ['stranier', 'foreign', 'migrant', 'cittadini non', 'non italian'],
  neet: ['neet', 'giovani che non studiano', 'not in education'],
  unemployed: ['disoccupat', 'unemployed', 'senza lavoro', 'in cerca di lavoro', 'jobseeker', 'job seeker', 'looking for work', 'out of work'],
  companies: ['impres', 'aziend', 'compan', 'business', 'employer', 'datori di lavoro'],
  families: ['famigli', 'genitor', 'famil', 'parent'],
};

/** The level, also with "livello" before it: a title saying "intermedio" does not make an answer right. */
export const LEVEL_FORMS: Record<string, string[]> = {
  beginner: ['base', 'principiant', 'beginner', 'introduttiv', 'elementare', 'entry level', 'basic', 'nessuna esperienza', 'no experience', 'livello base', 'livello principiant', 'livello introduttiv', 'livello elementare', 'beginner level', 'basic level', 'per principianti'],
  intermediate: ['intermedi', 'intermediate', 'medio', 'livello intermedi', 'livello medio', 'intermediate level'],
  advanced: ['avanzat', 'advanced', 'espert', 'expert', 'livello avanzat', 'advanced level'],
};

export const MODE_FORMS: Record<string, string[]> = {
  presence: ['in presenza', 'in aula', 'in person', 'in-person', 'on site', 'on-site', 'in sede', 'in laboratorio', 'face to face', 'in classroom', 'in the classroom', 'di persona'],
  online: ['online', 'on line', 'a distanza', 'da remoto', 'remote', 'remotely', 'distance', 'in diretta online', 'live online'],
  blended: ['blended', 'misto', 'mista', 'ibrid', 'hybrid', 'in parte online', 'parte online', 'partly online', 'part online', 'in presenza e online', 'online e in presenza', 'in person and online', 'online and in person', 'in aula e online'],
};

export const LANGUAGE_FORMS: Record<string, string[]> = {
  it: ['italian'], en: ['ingles', 'english'], fr: ['frances', 'french'], de: ['tedesc', 'german'], es: ['spagnol', 'spanish'], ar: ['arab', 'arabic'],
  zh: ['cines', 'chinese'], ro: ['rumen', 'romanian'], uk: ['ucrain', 'ukrainian'], ru: ['russ', 'russian'], pt: ['portoghes', 'portuguese'], hi: ['hindi'],
  ur: ['urdu'], pa: ['punjabi'], sq: ['albanes', 'albanian'], wo: ['wolof'],
};

export { unique };
