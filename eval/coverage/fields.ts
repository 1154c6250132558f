import type { CatalogueRecord } from '../../domain/ports.js';
import type { Course, Initiative, School, Service, Site, Slot } from '../../domain/model/index.js';
import { fold, words } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/stopwords.js';
import {
  AUDIENCE_FORMS, FREE, LANGUAGE_FORMS, LEVEL_FORMS, MODE_FORMS, ageForms, amountForms, dateForms, descriptionForms, distinctiveStems, emailForms, firstTimeForms,
  firstWeekday, hoursForms, isBareYesNo, minutesForms, nameWords, opening, phoneForms, seatForms, stem, textForms, translations, unique, websiteForms, weekdayForms,
} from './facts.js';
import { schoolType, siteWords } from './naming.js';

/** One fact a record holds: the field it is in and what a right answer must say (each item any of). */
export interface FieldFact {
  field: string;
  says: string[][];
  /** For a fact of one lab of a site: which. */
  lab?: number;
}

/** What facts are read against: the run's day, the sites and comuni by code, open slots by record. */
export interface FactContext {
  today: string;
  sites: Map<string, Site>;
  comuni: Map<string, string>;
  slots: Map<string, Slot[]>;
}

/** The fields asked about for each kind, in the order reports list them. */
export const FIELDS = {
  course: ['start', 'end', 'schedule', 'place', 'cost', 'seats', 'deadline', 'duration', 'level', 'mode', 'audience', 'prerequisites', 'certificate', 'provider', 'language', 'description'],
  site: ['address', 'opening-hours', 'labs', 'equipment', 'capacity', 'accessibility', 'directions', 'phone', 'email', 'website', 'provider'],
  service: ['access', 'documents', 'where', 'appointment', 'booking', 'languages', 'cost', 'audience', 'description'],
  initiative: ['dates', 'deadline', 'audience', 'sponsors', 'place', 'apply', 'description'],
  school: ['address', 'comune', 'email', 'website', 'type'],
} as const;

const fact = (field: string, ...says: (string[] | undefined)[]): FieldFact[] => {
  const items = says.filter((s): s is string[] => !!s && s.length > 0).map(unique);
  return items.length ? [{ field, says: items }] : [];
};

/** Days and times: the first weekday and the first time it gives, or failing those its opening words. */
function whenForms(text: string): string[][] {
  const open = opening(text, 2);
  const day = firstWeekday(text);
  const time = firstTimeForms(text);
  const items: string[][] = [];
  if (day !== undefined) items.push([...weekdayForms(day), open]);
  if (time) items.push([...time, open]);
  return items.length ? items : [[open, ...distinctiveStems(text)]];
}

/** The street of an address, with and without its number: "Via delle Scienze 18, 46100 Mantova". */
export function streetForms(address: string): string[] {
  const street = address.split(',')[0]!.trim();
  const bare = street.replace(/\s+(n\.?\s*)?\d[\w/]*\s*$/i, '').trim();
  return unique([words(street).join(' '), words(bare).join(' ')].filter((s) => s.split(' ').length >= 2 || s.length >= 6));
}

function placeForms(site: Site | undefined, ctx: FactContext): string[] | undefined {
  if (!site) return undefined;
  const comune = ctx.comuni.get(site.comune);
  return unique([siteWords(site.name), ...streetForms(site.address), ...(comune ? [comune] : [])]);
}

const PROVIDER_GENERIC = new Set(['iis', 'is', 'mn', 'istituto', 'superiore', 'scuola', 'centro', 'polo', 'sede', 'spa', 'srl']);

/** An organisation: its name as written, without initials, its first two words, its telling words ("I.S. FERMI MN" -> "fermi"). */
export function providerForms(name: string): string[] {
  const ws = words(name).filter((w) => w.length > 1);
  return unique([words(name).join(' '), ws.join(' '), ...(ws.length > 2 ? [ws.slice(0, 2).join(' ')] : []), ...distinctiveStems(name, PROVIDER_GENERIC, 2)]);
}

/** A sponsor company without its legal form: "Officine Padane S.p.A." -> "officine padane". */
export function sponsorForms(name: string): string[] {
  const bare = fold(name).replace(/\b(s ?r ?l|s ?p ?a|s ?n ?c|s ?a ?s|soc ?coop|soc ?agr|societa cooperativa|coop)\b.*$/, '').trim();
  return unique([bare, ...distinctiveStems(bare, new Set(), 1)]);
}

const COST_WORDS = new Set(['gratuito', 'gratuita', 'gratuiti', 'gratis', 'euro', 'costo', 'costa', 'prezzo', 'quota', 'altrimenti', 'importo', 'pagamento', 'free', 'iscrizione'].flatMap((w) => [w, stem(w)]));

/** What a cost note adds to the amount: its condition ("con Dote Unica Lavoro", "esami inclusi", "secondo reddito"). */
export function conditionForms(note: string, name: ReadonlySet<string>): string[] {
  const exclude = new Set([...name, ...COST_WORDS]);
  const stems = distinctiveStems(note.replace(/\d+([.,]\d+)*/g, ' '), exclude, 3);
  return unique([...stems, ...translations(stems)]);
}

function costForms(cost: number | undefined, note: string | undefined, name: ReadonlySet<string>): string[][] {
  const items: string[][] = [];
  if (cost === 0) items.push(FREE);
  else if (cost !== undefined) items.push(amountForms(cost));
  if (note) {
    const condition = conditionForms(note, name);
    if (condition.length) items.push(condition);
    if (cost === undefined && !condition.length) items.push([opening(note)]);
  }
  return items;
}

function audienceForms(audience: readonly string[], note: string | undefined, minAge: number | undefined, name: ReadonlySet<string>): string[] | undefined {
  const forms = [...(note ? textForms(note, name) : []), ...(minAge !== undefined ? ageForms(minAge) : []), ...audience.flatMap((a) => AUDIENCE_FORMS[a] ?? [])];
  return forms.length ? unique(forms) : undefined;
}

const ACCESSIBLE = ['accessibil', 'accessible', 'senza barriere', 'barrier free', 'barrier-free', 'step free', 'step-free', 'wheelchair accessible', 'nessuna barriera', 'no barriers'];
const BOOKABLE = ['prenot', 'appuntament', 'book', 'appointment', 'reserv', 'fissa'];
const WALK_IN = ['senza appuntamento', 'senza prenotazione', 'accesso libero', 'ad accesso libero', 'walk in', 'walk-in', 'no appointment', 'without an appointment', 'without appointment', 'no booking', 'non serve', 'non e necessari', 'not necessary', 'not needed', 'no need', 'liberamente', 'drop in', 'direttamente', 'just go', 'directly'];

const labFields = (index: number | undefined, equipment: string[], capacity: number | undefined): FieldFact[] => {
  const lab = index === undefined ? {} : { lab: index };
  const items = equipment.flatMap((item) => {
    // "6 stampanti 3D FDM" -> "stampanti 3d"; "sensori e attuatori" -> "sensori".
    const ws = words(item).filter((w, i) => i > 0 || !/^\d+$/.test(w));
    const head = ws.length > 1 && !STOPWORDS.has(ws[1]!) ? `${ws[0]} ${ws[1]}` : (ws[0] ?? '');
    const stems = distinctiveStems(item, new Set(), 1);
    return [head, ...stems, ...translations(stems)];
  });
  const out: FieldFact[] = [];
  if (items.length) out.push({ field: 'equipment', says: [unique(items)], ...lab });
  if (capacity !== undefined) {
    const n = capacity;
    const counted = ['persone', 'posti', 'studenti', 'partecipanti', 'alunni', 'postazioni', 'people', 'persons', 'students', 'seats', 'places', 'participants', 'pupils', 'workstations'].map((w) => `${n} ${w}`);
    out.push({ field: 'capacity', says: [unique([...counted, `capienza ${n}`, `capacity ${n}`, `fino a ${n}`, `up to ${n}`, `massimo ${n}`, `max ${n}`, `maximum ${n}`, `${n} max`])], ...lab });
  }
  return out;
};

export function courseFacts(c: Course, ctx: FactContext): FieldFact[] {
  const name = nameWords(c.title);
  const site = ctx.sites.get(c.site);
  const slot = (ctx.slots.get(c.id) ?? []).find((s) => s.kind === 'course');
  const left = slot ? slot.capacity - slot.taken : c.seats;
  return [
    ...fact('start', dateForms(c.startDate)),
    ...fact('end', dateForms(c.endDate)),
    ...(c.schedule ? fact('schedule', ...whenForms(c.schedule)) : []),
    ...fact('place', c.mode === 'online' ? MODE_FORMS.online : placeForms(site, ctx)),
    ...fact('cost', ...costForms(c.cost, c.costNote, name)),
    // Seats of a course already over are nobody's question.
    ...(c.endDate >= ctx.today && left !== undefined ? fact('seats', seatForms(left, slot?.capacity)) : []),
    ...(c.enrolmentDeadline ? fact('deadline', dateForms(c.enrolmentDeadline)) : []),
    ...(c.hours ? fact('duration', hoursForms(c.hours)) : []),
    ...fact('level', LEVEL_FORMS[c.level]),
    ...fact('mode', MODE_FORMS[c.mode]),
    ...fact('audience', audienceForms(c.audience, c.audienceNote, c.minAge, name)),
    ...(c.prerequisites ? fact('prerequisites', textForms(c.prerequisites, name)) : []),
    ...(c.certificate ? fact('certificate', textForms(c.certificate, name)) : []),
    ...fact('provider', providerForms(c.provider)),
    ...fact('language', LANGUAGE_FORMS[c.language] ?? [c.language]),
    ...fact('description', descriptionForms(c.description, name)),
  ];
}

export function siteFacts(s: Site): FieldFact[] {
  const name = nameWords(s.name);
  const labs = s.labs.slice(0, 3).map((l) => {
    const stems = distinctiveStems(l.name, name, 2);
    return unique([siteWords(l.name), ...stems, ...translations(stems)]);
  });
  const one = s.labs.length === 1;
  return [
    ...fact('address', streetForms(s.address)),
    ...(s.hours ? fact('opening-hours', ...whenForms(s.hours)) : []),
    ...fact('labs', ...labs),
    ...s.labs.flatMap((l, i) => labFields(one ? undefined : i, l.equipment, l.capacity)),
    ...(s.accessibility ? fact('accessibility', isBareYesNo(s.accessibility) ? (fold(s.accessibility) === 'no' ? undefined : ACCESSIBLE) : textForms(s.accessibility, name)) : []),
    ...(s.directions ? fact('directions', textForms(s.directions, name)) : []),
    ...(s.contacts.phone ? fact('phone', phoneForms(s.contacts.phone)) : []),
    ...(s.contacts.email ? fact('email', emailForms(s.contacts.email)) : []),
    ...(s.contacts.website ? fact('website', websiteForms(s.contacts.website)) : []),
    ...fact('provider', providerForms(s.provider)),
  ];
}

export function serviceFacts(s: Service, ctx: FactContext): FieldFact[] {
  const name = nameWords(s.title);
  const sites = s.sites.map((id) => ctx.sites.get(id)).filter((x): x is Site => !!x);
  const documents = s.documents.slice(0, 2).map((d) => {
    const stems = distinctiveStems(d, name, 2);
    return unique([opening(d), ...stems, ...translations(stems)]);
  });
  return [
    ...fact('access', textForms(s.howToAccess, name)),
    ...fact('documents', ...documents),
    ...fact('where', unique(sites.flatMap((x) => [siteWords(x.name), ctx.comuni.get(x.comune) ?? '']))),
    ...(s.bookable && s.appointmentMinutes ? fact('appointment', minutesForms(s.appointmentMinutes)) : fact('booking', s.bookable ? BOOKABLE : WALK_IN)),
    ...fact('languages', ...s.languages.slice(0, 3).map((l) => LANGUAGE_FORMS[l] ?? [l])),
    ...fact('cost', ...costForms(s.cost, undefined, name)),
    ...fact('audience', audienceForms(s.audience, s.audienceNote, undefined, name)),
    ...fact('description', descriptionForms(s.description, name)),
  ];
}

export function initiativeFacts(i: Initiative, ctx: FactContext): FieldFact[] {
  const name = nameWords(i.title);
  return [
    ...fact('dates', dateForms(i.startDate), i.endDate && i.endDate !== i.startDate ? dateForms(i.endDate) : undefined),
    ...(i.applicationDeadline ? fact('deadline', dateForms(i.applicationDeadline)) : []),
    ...fact('audience', audienceForms(i.audience, i.audienceNote, undefined, name)),
    ...fact('sponsors', ...i.sponsors.slice(0, 3).map(sponsorForms)),
    ...(i.site ? fact('place', placeForms(ctx.sites.get(i.site), ctx)) : []),
    ...(i.howToApply ? fact('apply', textForms(i.howToApply, name)) : i.url ? fact('apply', websiteForms(i.url)) : []),
    ...fact('description', descriptionForms(i.description, name)),
  ];
}

export function schoolFacts(s: School & { comuneName?: string }): FieldFact[] {
  const type = schoolType(s.type);
  return [
    ...(s.address ? fact('address', streetForms(s.address)) : []),
    ...(s.comuneName ? fact('comune', [s.comuneName]) : []),
    ...(s.email ? fact('email', emailForms(s.email)) : []),
    ...(s.website ? fact('website', websiteForms(s.website)) : []),
    ...fact('type', unique([...type.forms, ...distinctiveStems(s.type, new Set(['scuola', 'istituto', 'statale', 'stat', 'non', 'spec', 'percorso', 'livello']), 2)])),
  ];
}

export function factsOf(r: CatalogueRecord, ctx: FactContext): FieldFact[] {
  switch (r.kind) {
    case 'course':
      return courseFacts(r.record, ctx);
    case 'site':
      return siteFacts(r.record);
    case 'service':
      return serviceFacts(r.record, ctx);
    case 'initiative':
      return initiativeFacts(r.record, ctx);
    case 'school':
      return schoolFacts(r.record);
    case 'doc':
      return [];
  }
}
