import type { Site, Slot } from '../../domain/model/index.js';
import { excerpt, formatDate, formatDateTime, shortLabel } from '../answer/format.js';
import { bookingIcs } from '../answer/ics.js';
import { titleOf } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Citation, OutboundMessage } from '../../domain/message.js';
import { encodeAction, type BookingForm } from '../../domain/action.js';
import { mentionsClear } from '../decide.js';
import type { BookingDraft, BookingRefusal, BookingStep, CatalogueRecord, RecordRef, SearchHit, SlotAvailability } from '../../domain/ports.js';
import { takesGroups } from '../../knowledge/bookings/booking-limits.js';
import { fold } from '../../text/normalize.js';
import { isStrong, loadRecords } from './search.js';
import { choices, text, type Answer, type Turn } from './turn.js';
import { cut } from '../../text/storable.js';

const BOOKABLE: readonly string[] = ['course', 'service', 'site', 'initiative'];
const MAX_NAME = 80;

// A yes, a no or a thanks typed where the name was asked is an answer to another question.
const NOT_A_NAME = /^(si|no|ok|okay|yes|yeah|yep|nope|certo|va bene|confermo|conferma|confirm|grazie|thanks|thank you|prego|sure|please|per favore)\b/;
const isName = (name: string) =>
  /^[\p{L}][\p{L}' .-]{1,}$/u.test(name) && name.length <= MAX_NAME && /\p{L}{2,}/u.test(name) && !NOT_A_NAME.test(fold(name));
const classOf = (said: string) => said.trim().match(/^([1-9]|1[0-3])\s?[A-Za-z]{1,2}$/)?.[0]?.replace(/\s/, '').toUpperCase();
/** "mi chiamo Giulia Rossi", "sono la prof.ssa Bianchi", "my name is…": the words before a name. */
const NAME_LEAD = /^(?:(?:ok|si|sì|yes|allora)[,\s]+)?(?:mi chiamo|il mio nome è|il mio nome e|sono|a nome di|my name is|i am|i'm|name:?)\s+/i;
/** Said in the middle of a request: "prenotami C001, mi chiamo Mario Rossi e ho 20 anni". */
const NAME_SAID = /\b(?:mi chiamo|il mio nome è|il mio nome e|a nome di|my name is)\s+/i;

/** The name in an answer that may also hold a phone or an email ("Marco Verdi, 333 1234567"). */
function nameIn(said: string): string | undefined {
  // "…mettetemi in lista d'attesa. Sono Stefano Riva, ho 41 anni": a capitalised name introduced as one.
  const introduced = said.match(/\b(?:[Ss]ono|[Mm]i chiamo|I am|I'm|[Mm]y name is)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3})/u)?.[1];
  if (introduced && isName(introduced)) return introduced;
  const rest = said.replace(EMAIL_ANYWHERE, ' ').replace(PHONE_ANYWHERE, ' ').replace(NAME_LEAD, '').trim();
  // A title keeps its full stop ("Prof. Luca Rossi"); otherwise the name ends where the sentence,
  // a comma or the word for a contact begins ("Anna Galli, telefono …. Per favore …").
  const title = rest.match(/^(?:prof\.?(?:ssa)?|dott\.?(?:ssa)?|sig\.?(?:ra)?|ing\.?)\s+/i)?.[0] ?? '';
  const first = rest.slice(title.length).split(/[,;:.!?]|\s(?:tel|telefono|cell|cellulare|phone|email|e-mail|mail|numero|number)\b/i)[0] ?? '';
  const name = `${title}${first}`.replace(/\s+/g, ' ').trim();
  return isName(name) && name.split(' ').length <= 6 ? name : undefined;
}
const EMAIL_ANYWHERE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const PHONE_ANYWHERE = /(?:\+|00)?\d[\d\s./-]{7,}\d/g;

/**
 * Answers a channel's booking form gave all at once (`slot`, `class`, `group`, `name`): each is
 * taken only where the flow would take it typed, so a bad one is simply asked for again.
 */
function withAnswers(d: BookingDraft, form: BookingForm, slots: SlotAvailability[]): BookingDraft {
  const slot = slots.find((s) => s.id === form.slot);
  const className = classOf(form.class ?? '');
  const group = Number(form.group);
  const name = (form.name ?? '').trim();
  return {
    ...d,
    ...(slot ? { slotId: slot.id, slotKind: slot.kind } : {}),
    ...(className ? { className } : {}),
    ...(Number.isInteger(group) && group > 0 && group <= 1000 && takesGroups(slot?.kind ?? d.slotKind ?? '') ? { groupSize: group } : {}),
    ...(isName(name) ? { name } : {}),
  };
}

/** What the draft still lacks, in the order a person would be asked. */
function nextStep(d: BookingDraft): BookingStep {
  if (!d.slotId) return 'slot';
  if (d.slotKind === 'lab' && !d.className) return 'class';
  if (d.slotKind === 'lab' && !d.groupSize) return 'group';
  if (!d.name) return 'name';
  if (d.slotKind === 'appointment' && !d.contact) return 'contact';
  if (d.minAge !== undefined && d.age === undefined) return 'age';
  return 'confirm';
}

/** Takes what the message already says ("per la mia 4B, 24 studenti", an email, "ho 17 anni") into the draft. */
function absorb(turn: Turn, d: BookingDraft): BookingDraft {
  const e = turn.understanding.entities;
  const person = turn.conversation.state.person ?? {};
  // "Mi chiamo Giulia Rossi, ho 17 anni": a name said in passing, written as one (capitalised).
  const lead = turn.text.match(NAME_LEAD) ?? turn.text.match(NAME_SAID);
  const said = lead ? (turn.text.slice(lead.index! + lead[0].length).split(/[,;]| e ho | and | ho \d/)[0] ?? '') : '';
  // "Great, sign me up. Laura Smith, laura@example.com": a capitalised name right before a contact.
  const beside = turn.text.match(/(?:^|[.!?,;:]\s*)(\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]+){1,3})\s*[,;:-]?\s*(?:(?:tel\.?|telefono|cell(?:ulare)?|phone|e-?mail|mail)\s*:?\s*)?(?=[\p{L}\p{N}._%+-]+@|\+?\d[\d\s./-]{7,})/u)?.[1];
  const named = /^\p{Lu}/u.test(said.trim()) ? nameIn(said) : beside ? nameIn(beside) : undefined;
  return {
    ...d,
    ...(e.className ? { className: e.className } : !d.className && person.className ? { className: person.className } : {}),
    ...(e.groupSize ? { groupSize: e.groupSize } : !d.groupSize && person.groupSize ? { groupSize: person.groupSize } : {}),
    ...((e.email || e.phone) && !d.contact ? { contact: (e.email ?? e.phone)! } : !d.contact && person.contact ? { contact: person.contact } : {}),
    ...(e.age !== undefined ? { age: e.age } : d.age === undefined && person.age !== undefined ? { age: person.age } : {}),
    ...(named && !d.name ? { name: named } : !d.name && person.name ? { name: person.name } : {}),
    // The day and time asked are remembered: "il 12 gennaio" now, "alle 9" next turn, choose together.
    ...(e.dates ? { on: { from: e.dates.from, to: e.dates.to } } : {}),
    ...(e.time ? { at: e.time } : {}),
  };
}

/** The dates a record can be booked on: its own slots, or for a site the class sessions of its labs. */
async function slotsOf(turn: Turn, ref: RecordRef): Promise<SlotAvailability[]> {
  const after = turn.now.toISOString();
  if (ref.kind !== 'site') return turn.deps.bookings.slots({ ref: ref.id, after });
  const here = await turn.deps.bookings.slots({ site: ref.id, after });
  const labs = here.filter((s) => s.kind === 'lab');
  return labs.length > 0 ? labs : here.filter((s) => s.ref === ref.id);
}

/** Where a record is held: a course's or event's site, a service's sites. */
function sitesHolding(r: CatalogueRecord): string[] {
  if (r.kind === 'course') return [r.record.site];
  if (r.kind === 'service') return r.record.sites;
  if (r.kind === 'initiative') return r.record.site ? [r.record.site] : [];
  return [];
}

/** The sites the slots are at, by id. */
async function sitesOf(turn: Turn, slots: SlotAvailability[], known: Map<string, Site> = new Map()): Promise<Map<string, Site>> {
  const sites = new Map(known);
  const missing = [...new Set(slots.map((s) => s.site))].filter((id) => !sites.has(id));
  if (missing.length > 0) {
    const more = await loadRecords(turn, missing.map((id) => ({ kind: 'site' as const, id })));
    for (const r of more.records) if (r.kind === 'site') sites.set(r.record.id, r.record);
  }
  return sites;
}

/** The record to book: named by a button, a code, the words (resolved against the catalogue), the conversation's focus. */
async function targetOf(turn: Turn, ref?: RecordRef): Promise<RecordRef | undefined> {
  if (ref) return ref;
  const u = turn.understanding;
  const e = u.entities;
  const teacher = !!e.className || (e.groupSize ?? 0) > 1;
  const after = turn.now.toISOString();
  // Of the records the words name, the first that can be booked: "la DID al centro per l'impiego
  // di Suzzara" names a service and a site; the service has the dates, the site chooses among them.
  const codes = e.codes.filter((c) => BOOKABLE.includes(c.kind)).map((c) => ({ kind: c.kind as RecordRef['kind'], id: c.id }));
  const clear = mentionsClear(u, turn.conversation.state.place);
  // A lab's name said by someone who is not booking for a class names what they want to do
  // ("il corso di saldatura"), not the lab: that is searched for like any topic.
  const activity = !teacher && clear.some((m) => m.kind === 'site' && m.activity);
  const named = [...codes, ...clear.filter((m) => BOOKABLE.includes(m.kind) && !(activity && m.activity)).map((m) => ({ kind: m.kind as RecordRef['kind'], id: m.id }))];
  const sites = named.filter((r) => r.kind === 'site').map((r) => r.id);
  // A record named with the site that holds it ("il corso di stampa 3D per adulti all'Hub") is the
  // one meant, dates or not: if it is over, that is the answer, not another course of the name.
  const things = named.filter((r) => r.kind !== 'site');
  if (sites.length > 0 && things.length > 1) {
    const { records } = await loadRecords(turn, things);
    const held = records.find((r) => sitesHolding(r).some((id) => sites.includes(id)));
    if (held) return { kind: held.kind, id: held.record.id };
  }
  for (const r of named) if ((await slotsOf(turn, r)).length > 0) return r;
  const focus = turn.conversation.state.focus;
  if (u.topic.length > 0 || activity) {
    // A class and a head count mean a teacher booking a lab session: look among the sites first.
    const kinds: RecordRef['kind'][] = teacher ? ['site', 'service'] : ['course', 'site', 'service', 'initiative'];
    // The words that named the site say where, not what: "un colloquio di orientamento al centro
    // per l'impiego di Viadana" looks for the interview, then its dates at Viadana.
    const placeWords = new Set(clear.filter((m) => m.kind === 'site' && !m.activity).flatMap((m) => m.matched));
    const keep = (t: string) => t.split(' ').filter((w) => w && !placeWords.has(w)).join(' ');
    const cover = u.search.cover.filter((c) => !placeWords.has(c.split(' ')[0]!));
    const query = placeWords.size > 0 && cover.length > 0 ? { ...u.search, text: keep(u.search.text), literal: keep(u.search.literal), cover } : u.search;
    // Dates and places choose among the slots, not the record.
    const found = await turn.deps.retriever.search({ text: query.text, query, limit: 10, filters: { kinds, from: undefined, to: undefined, comune: undefined, near: undefined } });
    const strong = found.hits.filter(isStrong);
    // The record in focus holds the words as well as any other ("mi iscrivo, ho già un livello A2"
    // after the B1 course, which asks for A2): it is still the one.
    const held = (h: SearchHit) => h.signals?.wmatched ?? h.signals?.matched ?? 0;
    const focusHit = focus && strong.find((h) => h.kind === focus.kind && h.id === focus.id);
    if (focusHit && strong[0] && held(focusHit) >= held(strong[0]) && (await slotsOf(turn, focus!)).length > 0) return focus;
    // The record holding more of the words comes first: "a career guidance interview" is the
    // guidance interview, not the registration that shares "interview" and "job centre".
    const hits: RecordRef[] = strong
      .map((h, i) => ({ h, i }))
      .sort((a, b) => held(b.h) - held(a.h) || a.i - b.i)
      .map(({ h }) => ({ kind: h.kind, id: h.id }));
    const bookable: { ref: RecordRef; slots: SlotAvailability[] }[] = [];
    for (const hit of hits) {
      const slots = (await slotsOf(turn, hit)).filter((sl) => !teacher || sl.kind === 'lab');
      if (slots.length > 0) bookable.push({ ref: hit, slots });
    }
    // A site named as the place ("alla Camera di Commercio", "al CPI di Viadana"): what has dates there.
    const there = bookable.find((b) => b.slots.some((sl) => sites.includes(sl.site)));
    if (there ?? bookable[0]) return (there ?? bookable[0])!.ref;
  }
  // A site named that has no dates of its own: the one service with dates there (not for a class).
  for (const site of teacher ? [] : sites) {
    const refs = [...new Set((await turn.deps.bookings.slots({ site, after })).filter((sl) => sl.kind === 'appointment').map((sl) => sl.ref))];
    if (refs.length === 1) return { kind: 'service', id: refs[0]! };
  }
  if (focus && BOOKABLE.includes(focus.kind)) return focus;
  // After a list: the one record shown with a date on the day asked, or the only one that can be booked.
  const shown = (turn.conversation.state.shown ?? []).filter((r) => BOOKABLE.includes(r.kind));
  if (shown.length > 0) {
    const withSlots = [];
    for (const r of shown) {
      const slots = await slotsOf(turn, r);
      if (slots.length > 0) withSlots.push({ r, slots });
    }
    const day = e.dates;
    const onDay = day ? withSlots.filter((w) => w.slots.some((s) => localDay(s.start) >= day.from && localDay(s.start) <= day.to)) : [];
    if (onDay.length === 1) return onDay[0]!.r;
    if (withSlots.length === 1) return withSlots[0]!.r;
  }
  return named[0];
}

/** Slots with room for the group, in the dates asked when there are some there. */
function upcoming(turn: Turn, slots: SlotAvailability[], d: BookingDraft): SlotAvailability[] {
  const now = turn.now.toISOString();
  const future = slots.filter((s) => new Date(s.start).toISOString() > now);
  const dates = turn.understanding.entities.dates ?? d.on;
  const inRange = dates ? future.filter((s) => localDay(s.start) >= dates.from && localDay(s.start) <= dates.to) : future;
  const group = groupFor(d, slots[0]);
  const fits = (inRange.length ? inRange : future).filter((s) => s.free >= group);
  return fits.length ? fits : inRange.length ? inRange : future;
}

/** People a booking holds: a class only for a lab session, one person anywhere else. */
function groupFor(d: BookingDraft, slot: Slot | undefined): number {
  return slot && takesGroups(slot.kind) ? (d.groupSize ?? 1) : 1;
}

const localDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const localTime = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/**
 * The slot the words choose among those offered: "il 13 gennaio alle 9", "il turno delle 11",
 * "il primo", "the 15th". Only a choice that leaves exactly one slot is taken.
 */
function chosenSlot(turn: Turn, offered: SlotAvailability[], d?: BookingDraft): SlotAvailability | undefined {
  const e = turn.understanding.entities;
  const f = turn.understanding.folded;
  const dates = e.dates ?? d?.on;
  const time = e.time ?? d?.at;
  let pool = offered;
  if (dates && dates.from === dates.to) pool = pool.filter((s) => localDay(s.start) === dates.from);
  else {
    // "il 14" with the month left out: the day of the month among the dates offered.
    const day = f.match(/\b(?:il|l|the|on|per il)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:anni|studenti|ragazzi|alunni|persone|posti|people|students))/)?.[1];
    if (day) pool = pool.filter((s) => Number(localDay(s.start).slice(8)) === Number(day));
  }
  if (time) pool = pool.filter((s) => localTime(s.start) === time);
  const ordinal = f.match(/\b(primo|prima|first|secondo|seconda|second|terzo|terza|third|ultimo|ultima|last)\b/)?.[1];
  if (pool.length > 1 && ordinal && pool === offered) {
    const at = { primo: 0, prima: 0, first: 0, secondo: 1, seconda: 1, second: 1, terzo: 2, terza: 2, third: 2 }[ordinal as 'primo'] ?? pool.length - 1;
    return pool[at];
  }
  if (pool === offered) return undefined;
  return pool.length === 1 ? pool[0] : undefined;
}

/** Enrolment that is over before anything is asked: a course already running or past its deadline, a call closed. */
function closedFor(turn: Turn, record: CatalogueRecord): string | undefined {
  const R = t(turn.lang).booking.refused;
  if (record.kind === 'course') {
    const c = record.record;
    // What the course says of itself often says what comes next ("a new edition in spring").
    if (c.endDate < turn.today) return `${t(turn.lang).ended(formatDate(c.endDate, turn.lang))} ${excerpt(c.description, 200)} ${t(turn.lang).booking.noSlots}`;
    if (c.startDate < turn.today) return R.COURSE_STARTED;
    if (c.enrolmentDeadline && c.enrolmentDeadline < turn.today) return R.DEADLINE_PASSED(formatDate(c.enrolmentDeadline, turn.lang));
  }
  if (record.kind === 'initiative' && record.record.applicationDeadline && record.record.applicationDeadline < turn.today) {
    return R.DEADLINE_PASSED(formatDate(record.record.applicationDeadline, turn.lang));
  }
  return undefined;
}

/**
 * Dates at the comune the person named ("la DID a Suzzara"), or near the place named; all of them
 * when none is there, with the place named so the answer can say so.
 */
function atPlaceAsked(turn: Turn, slots: SlotAvailability[], sites: Map<string, Site>): { slots: SlotAvailability[]; noneAt?: string } {
  const { comune, near } = turn.understanding.entities;
  if (!comune && !near) {
    // A town named earlier ("l'ufficio di Asola è accessibile?", then "prenota martedì alle 9")
    // still says where, but quietly: when nothing is there, every date is offered.
    const place = turn.conversation.state.place;
    const code = place ? turn.comuni.find((c) => c.name === place)?.code : undefined;
    const there = code ? slots.filter((s) => sites.get(s.site)?.comune === code) : [];
    return { slots: there.length > 0 ? there : slots };
  }
  const coords = new Map(turn.comuni.map((c) => [c.code, c]));
  const there = slots.filter((s) => {
    const site = sites.get(s.site);
    if (!site) return false;
    if (comune) return site.comune === comune.code;
    const at = site.lat !== undefined && site.lon !== undefined ? { lat: site.lat, lon: site.lon } : coords.get(site.comune);
    return !!at && near && kmBetween(at, near) <= NEAR_KM;
  });
  return there.length > 0 ? { slots: there } : { slots, noneAt: (comune ?? near)!.name };
}

const NEAR_KM = 20;

function kmBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** "FabLab, FabLab Fermi, Strada Spolverina 5, Mantova": what and where, so two labs in one town never look alike. */
function placeLine(slot: Slot | undefined, site: Site | undefined, ctx: { comuni: Map<string, string> }): string | undefined {
  if (!site) return undefined;
  const comune = ctx.comuni.get(site.comune);
  return [slot?.lab && slot.lab !== site.name ? slot.lab : undefined, site.name, site.address, comune && !site.address.includes(comune) ? comune : undefined].filter(Boolean).join(', ');
}

function ask(turn: Turn, d: BookingDraft, record: CatalogueRecord, slot: SlotAvailability | undefined, where: string | undefined): Answer {
  const B = t(turn.lang).booking;
  const T = t(turn.lang);
  const cite: Citation[] = [{ kind: record.kind, id: record.record.id, title: titleOf(record) }];
  if (d.slotKind && !takesGroups(d.slotKind) && d.groupSize !== undefined) {
    // "Siamo 7" for a course or an event: one seat, in this person's name, and said so.
    const { groupSize, ...one } = d;
    const next = ask(turn, one, record, slot, where);
    return groupSize > 1 ? { ...next, messages: [text(B.personalOnly), ...next.messages] } : next;
  }
  if (slot?.kind === 'lab' && d.groupSize && d.groupSize > slot.capacity) {
    // A class bigger than the lab: say the limit and how many sessions it takes; nothing is booked.
    const sessions = Math.ceil(d.groupSize / slot.capacity);
    const { groupSize: _tooMany, ...rest } = d;
    return {
      intent: 'book',
      messages: [text(B.tooMany(slot.capacity, d.groupSize, sessions)), text(B.askGroup(slot.capacity))],
      citations: cite,
      state: { pending: { type: 'booking', step: 'group', draft: rest }, focus: d.ref },
    };
  }
  const step = nextStep(d);
  const pending = { type: 'booking' as const, step, draft: d };
  const question = (message: string): Answer => ({ intent: 'book', messages: [text(message)], citations: cite, state: { pending, focus: d.ref } });
  switch (step) {
    case 'class':
      return question(B.askClass);
    case 'group':
      return question(B.askGroup(slot?.capacity ?? 0));
    case 'name':
      return question(B.askName);
    case 'contact':
      return question(B.askContact);
    case 'age':
      return question(B.askAge(d.minAge ?? 0));
    default: {
      const when = slot ? formatDateTime(slot.start, turn.lang, slot.allDay) : '';
      const group = groupFor(d, slot);
      const lines = [
        B.summary,
        `${B.what}: ${titleOf(record)}`,
        `${B.when}: ${when}`,
        ...(where ? [`${B.where}: ${where}`] : []),
        `${B.who}: ${d.name}`,
        ...(d.contact ? [`${B.contact}: ${d.contact}`] : []),
        ...(d.className && slot?.kind === 'lab' ? [`${B.cls}: ${d.className}`] : []),
        ...(group > 1 ? [`${B.people}: ${group}`] : []),
      ];
      const full = slot ? slot.free < group : false;
      const yesNo = [{ label: full ? B.waitlistJoin : T.yes, action: encodeAction({ type: 'confirm' }) }, { label: T.no, action: encodeAction({ type: 'deny' }) }];
      return {
        intent: 'book',
        messages: [text(lines.join('\n')), choices(full ? B.confirmWaitlist : B.confirm, yesNo)],
        citations: cite,
        state: { pending: { type: 'booking', step: full ? 'waitlist' : 'confirm', draft: { ...d, waitlist: full } }, choices: yesNo, focus: d.ref },
      };
    }
  }
}

/** Loads what a draft talks about: the record, its slots with seats left, the slot chosen and where it is. */
async function context(turn: Turn, d: BookingDraft) {
  const { records, ctx } = await loadRecords(turn, [d.ref]);
  const record = records[0];
  const slots = await slotsOf(turn, d.ref);
  const slot = slots.find((s) => s.id === d.slotId);
  const sites = new Map(ctx.sites);
  if (slot && !sites.has(slot.site)) {
    const extra = await loadRecords(turn, [{ kind: 'site', id: slot.site }]);
    const site = extra.records[0];
    if (site?.kind === 'site') sites.set(site.record.id, site.record);
  }
  const site = slot ? sites.get(slot.site) : undefined;
  // A lab session is a slot of the network's class-sessions service: it is cited with the lab.
  const owner = slot && slot.ref !== d.ref.id ? refOfSlot(slot) : undefined;
  const also = owner ? (await loadRecords(turn, [owner])).records[0] : undefined;
  const extra: Citation[] = also ? [{ kind: also.kind, id: also.record.id, title: titleOf(also) }] : [];
  return { record, slots, slot, where: placeLine(slot, site, ctx), sites, comuni: ctx.comuni, extra };
}

/** Contacts to book with when the assistant cannot: the record's site, or its sites. */
function contactsFor(record: CatalogueRecord, sites: Map<string, Site>): string | undefined {
  const site = record.kind === 'site' ? record.record : record.kind === 'course' ? sites.get(record.record.site) : record.kind === 'initiative' && record.record.site ? sites.get(record.record.site) : record.kind === 'service' ? sites.get(record.record.sites[0] ?? '') : undefined;
  const c = site?.contacts;
  const parts = c ? [site.name, c.phone, c.email].filter(Boolean) : [];
  return parts.length > 1 ? parts.join(' · ') : undefined;
}

/**
 * "Prenota", a Book button, "mi iscrivo a C001", "prenota il FabLab del Fermi per la mia 4B, 24
 * studenti, a gennaio": pick the record, take everything the message already says, offer its next
 * dates (or take the one named), ask only what is still needed.
 */
export async function startBooking(turn: Turn, ref?: RecordRef, form?: BookingForm): Promise<Answer> {
  const B = t(turn.lang).booking;
  const T = t(turn.lang);
  const target = await targetOf(turn, ref);
  if (!target) return { intent: 'book', messages: [text(T.bookWhat)], citations: [] };
  const { records, ctx } = await loadRecords(turn, [target]);
  const record = records[0];
  if (!record) return { intent: 'book', messages: [text(T.bookWhat)], citations: [] };
  const cite = { kind: record.kind, id: record.record.id, title: titleOf(record) };
  const closed = closedFor(turn, record);
  if (closed) {
    const next = [
      ...(record.kind === 'course' ? [{ label: T.actions.path, action: encodeAction({ type: 'path', course: record.record.id }) }] : []),
      { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
    ];
    return { intent: 'book', messages: [text(`${titleOf(record)}: ${closed}`), choices(T.nextStep, next)], citations: [cite], state: { choices: next, focus: target } };
  }
  let draft: BookingDraft = absorb(turn, { ref: target, ...(record.kind === 'course' && record.record.minAge ? { minAge: record.record.minAge } : {}) });
  const all = await slotsOf(turn, target);
  const sites = await sitesOf(turn, all, ctx.sites);
  if (form) {
    draft = withAnswers(draft, form, all.filter((s) => new Date(s.start).getTime() > turn.now.getTime()));
    if (draft.slotId) return resume(turn, draft);
  }
  if (draft.age !== undefined && draft.minAge !== undefined && draft.age < draft.minAge) {
    // Said with the course's name, and with somewhere to go: other courses, or a person.
    const next = [
      { label: T.menu.courses, action: encodeAction({ type: 'menu', menu: 'courses' }) },
      { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
    ];
    return { intent: 'book', messages: [text(`«${titleOf(record)}»: ${B.refused.TOO_YOUNG(draft.minAge)}`), choices(T.nextStep, next)], citations: [cite], state: { focus: target, choices: next } };
  }
  const { slots: offer, noneAt } = atPlaceAsked(turn, upcoming(turn, all, draft), sites);
  const elsewhere = noneAt && offer.length > 0 ? [text(B.noSlotsAt(noneAt))] : [];
  if (offer.length === 0) {
    const contacts = contactsFor(record, sites);
    const next = [{ label: T.actions.person, action: encodeAction({ type: 'handoff' }) }];
    return {
      intent: 'book',
      messages: [text(`${titleOf(record)}: ${contacts ? B.notBookableHere(contacts) : B.noSlots}`), choices(T.offerPerson, next)],
      citations: [cite],
      state: { choices: next, focus: target },
    };
  }
  const picked = offer.length === 1 ? offer[0] : chosenSlot(turn, offer, draft);
  if (picked) {
    // The one date is chosen for the person, and said with its place before anything is asked.
    draft = { ...draft, slotId: picked.id, slotKind: picked.kind };
    const next = await resume(turn, draft);
    if (draft.groupSize && picked.kind === 'lab' && draft.groupSize > picked.capacity) return next;
    const said = B[picked.free < groupFor(draft, picked) ? 'onlySlotFull' : 'onlySlot'];
    const only = offer.length === 1 ? [text(said(titleOf(record), formatDateTime(picked.start, turn.lang, picked.allDay), placeLine(picked, sites.get(picked.site), ctx)))] : [];
    return { ...next, messages: [...elsewhere, ...only, ...next.messages], citations: next.citations.some((c) => c.id === cite.id) ? next.citations : [cite, ...next.citations], state: { ...next.state, focus: target } };
  }
  const group = draft.groupSize ?? 0;
  const lab = offer.find((s) => s.kind === 'lab');
  if (lab && group > lab.capacity) {
    // Said before the dates: a class bigger than the lab needs more than one session.
    const sessions = Math.ceil(group / lab.capacity);
    const { groupSize: _tooMany, ...rest } = draft;
    return { intent: 'book', messages: [text(B.tooMany(lab.capacity, group, sessions)), ...slotChoices(turn, record, offer, sites, ctx.comuni, rest).messages], citations: [cite], state: slotChoices(turn, record, offer, sites, ctx.comuni, rest).state };
  }
  return { ...slotChoices(turn, record, offer, sites, ctx.comuni, draft), messages: [...elsewhere, ...slotChoices(turn, record, offer, sites, ctx.comuni, draft).messages] };
}

/** The next dates as choices, each saying when, which lab and which site. */
function slotChoices(turn: Turn, record: CatalogueRecord, offer: SlotAvailability[], sites: Map<string, Site>, comuni: Map<string, string>, draft: BookingDraft): Answer {
  const B = t(turn.lang).booking;
  const places = new Set(offer.slice(0, 6).map((s) => s.site));
  const list = offer.slice(0, 6).map((s) => {
    const site = sites.get(s.site);
    const where = places.size > 1 || s.kind === 'lab' ? [s.lab, site?.name ?? comuni.get(site?.comune ?? '')].filter(Boolean).join(', ') : undefined;
    return { label: shortLabel(`${formatDateTime(s.start, turn.lang, s.allDay)}${where ? ` · ${where}` : ''} · ${B.free(Math.max(0, s.free))}`, 90), action: encodeAction({ type: 'slot', slot: s.id }) };
  });
  const only = places.size === 1 ? sites.get([...places][0]!) : undefined;
  const prompt = B.chooseSlot(titleOf(record)) + (only && record.kind !== 'site' && offer[0]?.kind !== 'course' ? ` (${only.name})` : '');
  return {
    intent: 'book',
    messages: [choices(prompt, list)],
    citations: [{ kind: record.kind, id: record.record.id, title: titleOf(record) }],
    state: { pending: { type: 'booking', step: 'slot', draft }, choices: list, focus: draft.ref },
  };
}

/** Asks for whatever the draft still lacks, or shows the summary to confirm. */
async function resume(turn: Turn, draft: BookingDraft): Promise<Answer> {
  const { record, slot, where, extra } = await context(turn, draft);
  if (!record) return { intent: 'book', messages: [text(t(turn.lang).bookWhat)], citations: [] };
  const answer = ask(turn, draft, record, slot, where);
  return { ...answer, citations: [...answer.citations, ...extra.filter((c) => !answer.citations.some((x) => x.id === c.id))] };
}

export async function chooseSlot(turn: Turn, slotId: string): Promise<Answer> {
  const pending = turn.conversation.state.pending;
  const draft = pending?.type === 'booking' ? pending.draft : undefined;
  const slots = draft ? await slotsOf(turn, draft.ref) : [];
  const slot = slots.find((s) => s.id === slotId);
  if (!draft || !slot) return { intent: 'book', messages: [text(t(turn.lang).booking.refused.SLOT_NOT_FOUND)], citations: [] };
  return resume(turn, { ...absorb(turn, draft), slotId: slot.id, slotKind: slot.kind });
}

/** The user's answer to the question the flow asked: a name, a contact, an age, a class, a number, a date. */
export async function continueBooking(turn: Turn, step: BookingStep, draft: BookingDraft): Promise<Answer> {
  const B = t(turn.lang).booking;
  const e = turn.understanding.entities;
  const retry = (message: string): Answer => ({ intent: 'book', messages: [text(message)], citations: [], state: { pending: { type: 'booking', step, draft } } });
  let next = absorb(turn, draft);
  // Whatever the question, a date or a time chooses among the slots ("il turno delle 9").
  if (e.dates || e.time || step === 'slot') {
    const all = (await slotsOf(turn, draft.ref)).filter((s) => new Date(s.start).getTime() > turn.now.getTime());
    const offer = atPlaceAsked(turn, all, await sitesOf(turn, all)).slots;
    const picked = chosenSlot(turn, upcoming(turn, offer, next), next);
    if (picked) next = { ...next, slotId: picked.id, slotKind: picked.kind };
    else if (step === 'slot') {
      // The day or time typed is not among the free ones: say so, then the dates there are.
      const again = await startBooking(turn, draft.ref);
      const asked = [e.dates && e.dates.from === e.dates.to ? formatDate(e.dates.from, turn.lang) : undefined, e.time].filter(Boolean).join(' ');
      return asked && (e.dates || e.time) ? { ...again, messages: [text(t(turn.lang).booking.notThen(asked)), ...again.messages] } : again;
    }
  }
  switch (step) {
    case 'name': {
      const name = next.name !== draft.name ? next.name : nameIn(turn.text);
      if (!name) return retry(B.badName);
      return resume(turn, { ...next, name });
    }
    case 'contact':
      return next.contact ? resume(turn, next) : retry(B.badContact);
    case 'age': {
      const age = e.age ?? Number(turn.text.match(/\b(\d{1,2})\b/)?.[1]);
      if (!Number.isInteger(age) || age <= 0) return retry(B.badAge);
      // Said at once rather than after the summary: the service refuses it anyway.
      if (draft.minAge !== undefined && age < draft.minAge) return { intent: 'book', messages: [text(B.refused.TOO_YOUNG(draft.minAge))], citations: [], state: { pending: undefined } };
      return resume(turn, { ...next, age });
    }
    case 'class': {
      const className = e.className ?? classOf(turn.text);
      return className ? resume(turn, { ...next, className }) : retry(B.askClass);
    }
    case 'group': {
      const n = e.groupSize ?? Number(turn.text.match(/\b(\d{1,3})\b/)?.[1]);
      return Number.isInteger(n) && n > 0 ? resume(turn, { ...next, groupSize: n }) : retry(B.badGroup);
    }
    default: {
      // At the summary: a name, an age or a number said instead of a yes corrects the draft.
      const name = !e.email && !e.phone && !/\d/.test(turn.text) ? nameIn(turn.text) : undefined;
      const bare = /^\d{1,2}$/.test(turn.text.trim()) && draft.minAge !== undefined ? { age: Number(turn.text.trim()) } : {};
      return resume(turn, { ...next, ...(name ? { name } : {}), ...bare, waitlist: false });
    }
  }
}

function refusalText(turn: Turn, reason: BookingRefusal, detail: { minAge?: number; capacity?: number; deadline?: string; sessionsNeeded?: number; existing?: string; limit?: number } = {}): string {
  const R = t(turn.lang).booking.refused;
  switch (reason) {
    case 'DEADLINE_PASSED': return R.DEADLINE_PASSED(detail.deadline ? formatDate(detail.deadline, turn.lang) : '');
    case 'TOO_YOUNG': return R.TOO_YOUNG(detail.minAge ?? 0);
    case 'GROUP_TOO_LARGE': return R.GROUP_TOO_LARGE(detail.capacity ?? 0, detail.sessionsNeeded ?? 2);
    case 'ALREADY_BOOKED': return R.ALREADY_BOOKED(detail.existing ?? '');
    case 'GROUP_OVER_LIMIT': return R.GROUP_OVER_LIMIT(detail.limit ?? 1);
    case 'LIMIT_REACHED': return R.LIMIT_REACHED(detail.limit ?? 1);
    default: return R[reason];
  }
}

/** The explicit yes: only now is a seat taken, once, whatever retries the channel makes. */
export async function confirmBooking(turn: Turn, draft: BookingDraft): Promise<Answer> {
  const B = t(turn.lang).booking;
  const { record, slot: chosen, where, extra } = await context(turn, draft);
  const result = await turn.deps.bookings.book({
    slotId: draft.slotId!,
    userId: turn.inbound.userId,
    channel: turn.inbound.channel,
    name: draft.name!,
    ...(draft.contact ? { contact: draft.contact } : {}),
    ...(chosen && takesGroups(chosen.kind) && draft.groupSize ? { groupSize: draft.groupSize } : {}),
    ...(chosen && takesGroups(chosen.kind) && draft.className ? { className: draft.className } : {}),
    ...(draft.age !== undefined ? { age: draft.age } : {}),
    waitlist: draft.waitlist ?? false,
    idempotencyKey: turn.inbound.messageId ?? `${turn.conversation.id}:${turn.conversation.turns}`,
  });
  const citations: Citation[] = [...(record ? [{ kind: record.kind, id: record.record.id, title: titleOf(record) }] : []), ...extra];
  if (!result.ok) {
    if (result.reason === 'FULL' && !draft.waitlist) {
      const yesNo = [{ label: B.waitlistJoin, action: encodeAction({ type: 'confirm' }) }, { label: t(turn.lang).no, action: encodeAction({ type: 'deny' }) }];
      return { intent: 'book', messages: [text(B.refused.FULL), choices(B.confirmWaitlist, yesNo)], citations, state: { pending: { type: 'booking', step: 'waitlist', draft: { ...draft, waitlist: true } }, choices: yesNo } };
    }
    if (result.reason === 'GROUP_OVER_LIMIT' && result.slot) {
      // A class larger than one booking takes: asked again, as for a class larger than the lab.
      const { groupSize: _tooMany, waitlist: _w, ...rest } = draft;
      const most = Math.min(result.slot.capacity, result.detail?.limit ?? result.slot.capacity);
      return { intent: 'book', messages: [text(refusalText(turn, result.reason, result.detail)), text(B.askGroup(most))], citations, state: { pending: { type: 'booking', step: 'group', draft: rest } } };
    }
    return { intent: 'book', messages: [text(refusalText(turn, result.reason, result.detail))], citations };
  }
  const { booking, slot } = result;
  // The class is this booking's: the next one asks again.
  const { className: _class, groupSize: _group, ...kept } = turn.conversation.state.person ?? {};
  const person = { ...kept, name: draft.name!, ...(draft.contact ? { contact: draft.contact } : {}) };
  const messages: OutboundMessage[] = [
    text(booking.status === 'waitlisted' ? B.waitlisted(booking.code, booking.waitlistPosition ?? 1) : B.booked(booking.code)),
  ];
  if (turn.caps.files && booking.status === 'confirmed') {
    messages.push(text(B.icsNote), { type: 'file', name: `${booking.code}.ics`, mediaType: 'text/calendar', encoding: 'utf8', content: bookingIcs(booking, slot, { title: record ? titleOf(record) : booking.code, location: where ?? '', lang: turn.lang }) });
  }
  return { intent: 'book', messages, citations, state: { pending: undefined, person } };
}

export function dropBooking(turn: Turn): Answer {
  return { intent: 'deny', messages: [text(t(turn.lang).booking.dropped)], citations: [], state: { pending: undefined } };
}

/** "Le mie prenotazioni": each with its code, date and status, and a way to cancel it. */
export async function myBookings(turn: Turn): Promise<Answer> {
  const B = t(turn.lang).booking;
  const mine = (await turn.deps.bookings.listForUser(turn.inbound.userId)).filter((b) => b.status !== 'cancelled');
  if (mine.length === 0) return { intent: 'my_bookings', messages: [text(B.none)], citations: [] };
  const refs = [...new Map(mine.map((b) => [b.slot.ref, b.slot])).values()].map((s) => refOfSlot(s));
  const { records } = await loadRecords(turn, refs);
  const title = (s: Slot) => records.find((r) => r.record.id === s.ref);
  const lines = mine.map((b) => `${b.code} — ${(title(b.slot) && titleOf(title(b.slot)!)) ?? b.slot.ref}, ${formatDateTime(b.slot.start, turn.lang, b.slot.allDay)} (${B.status[b.status]})`);
  const list = mine.map((b) => ({ label: B.cancelAction(b.code), action: encodeAction({ type: 'cancel', code: b.code }) }));
  return {
    intent: 'my_bookings',
    messages: [text([B.mine, ...lines].join('\n')), choices(t(turn.lang).nextStep, list)],
    citations: records.map((r) => ({ kind: r.kind, id: r.record.id, title: titleOf(r) })),
    state: { choices: list },
  };
}

const refOfSlot = (s: Slot): RecordRef => ({ kind: s.kind === 'course' ? 'course' : s.kind === 'appointment' ? 'service' : s.kind === 'lab' ? 'site' : 'initiative', id: s.ref });

/** "Annulla LTO-7K3P": asks for the yes in a turn of its own. */
export async function startCancel(turn: Turn, code?: string): Promise<Answer> {
  const B = t(turn.lang).booking;
  const wanted = code ?? turn.understanding.entities.bookingCode;
  if (!wanted) {
    const mine = (await turn.deps.bookings.listForUser(turn.inbound.userId)).filter((b) => b.status !== 'cancelled');
    if (mine.length === 0) return { intent: 'cancel', messages: [text(B.none)], citations: [] };
    if (mine.length > 1) {
      const list = mine.map((b) => ({ label: B.cancelAction(b.code), action: encodeAction({ type: 'cancel', code: b.code }) }));
      return { intent: 'cancel', messages: [choices(B.cancelWhich, list)], citations: [], state: { choices: list } };
    }
    return startCancel(turn, mine[0]!.code);
  }
  const booking = await turn.deps.bookings.get(wanted.toUpperCase());
  // Someone else's code gets the same answer as an unknown one: codes must not be probed.
  if (!booking || booking.userId !== turn.inbound.userId) return { intent: 'cancel', messages: [text(B.cancelUnknown(wanted.toUpperCase()))], citations: [] };
  if (booking.status === 'cancelled') return { intent: 'cancel', messages: [text(B.cancelDone(booking.code))], citations: [] };
  const { records } = await loadRecords(turn, [refOfSlot(booking.slot)]);
  const what = `${records[0] ? titleOf(records[0]) : booking.slot.ref}, ${formatDateTime(booking.slot.start, turn.lang, booking.slot.allDay)}`;
  const yesNo = [{ label: t(turn.lang).yes, action: encodeAction({ type: 'confirm' }) }, { label: t(turn.lang).no, action: encodeAction({ type: 'deny' }) }];
  return {
    intent: 'cancel',
    messages: [choices(B.cancelAsk(booking.code, what), yesNo)],
    citations: records.map((r) => ({ kind: r.kind, id: r.record.id, title: titleOf(r) })),
    state: { pending: { type: 'cancel', code: booking.code }, choices: yesNo },
  };
}

export async function confirmCancel(turn: Turn, code: string): Promise<Answer> {
  const B = t(turn.lang).booking;
  const result = await turn.deps.bookings.cancel(code, turn.inbound.userId);
  if (!result.ok) return { intent: 'cancel', messages: [text(result.reason === 'ALREADY_CANCELLED' ? B.cancelDone(code) : B.cancelUnknown(code))], citations: [] };
  return { intent: 'cancel', messages: [text(B.cancelled(result.booking.code))], citations: [], state: { pending: undefined } };
}

export function keepBooking(turn: Turn): Answer {
  return { intent: 'deny', messages: [text(t(turn.lang).booking.cancelKept)], citations: [], state: { pending: undefined } };
}
