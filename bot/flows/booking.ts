import type { Site, Slot } from '../../knowledge/model/index.js';
import { formatDate, formatDateTime, shortLabel } from '../answer/format.js';
import { bookingIcs } from '../answer/ics.js';
import { titleOf } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Citation, OutboundMessage } from '../message.js';
import type { BookingDraft, BookingRefusal, BookingStep, CatalogueRecord, RecordRef, SlotAvailability } from '../ports.js';
import { takesGroups } from '../../knowledge/bookings/booking-limits.js';
import { understandQuery } from '../../knowledge/search/query-understanding.js';
import { fold } from '../../text/normalize.js';
import { isStrong, loadRecords } from './search.js';
import { choices, text, type Answer, type Turn } from './turn.js';
import { cut } from '../../text/storable.js';

const BOOKABLE: readonly string[] = ['course', 'service', 'site', 'initiative'];
const MAX_NAME = 80;

// A yes, a no or a thanks typed where the name was asked is an answer to another question.
const NOT_A_NAME = /^(si|no|ok|okay|yes|yeah|yep|nope|certo|va bene|confermo|conferma|grazie|thanks|thank you|prego|sure)$/;
const isName = (name: string) =>
  /^[\p{L}][\p{L}' .-]{1,}$/u.test(name) && name.length <= MAX_NAME && /\p{L}{2,}/u.test(name) && !NOT_A_NAME.test(fold(name));
const classOf = (said: string) => said.trim().match(/^[1-5]\s?[A-Za-z]{1,2}$/)?.[0]?.replace(/\s/, '').toUpperCase();

/**
 * Answers a channel's booking form gave all at once (`slot`, `class`, `group`, `name`): each is
 * taken only where the flow would take it typed, so a bad one is simply asked for again.
 */
function withAnswers(d: BookingDraft, answers: URLSearchParams, slots: SlotAvailability[]): BookingDraft {
  const slot = slots.find((s) => s.id === answers.get('slot'));
  const className = classOf(answers.get('class') ?? '');
  const group = Number(answers.get('group'));
  const name = (answers.get('name') ?? '').trim();
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

/** Takes what the message already says ("per la mia 4B, 24 studenti", an email) into the draft. */
function absorb(turn: Turn, d: BookingDraft): BookingDraft {
  const e = turn.understanding.entities;
  return {
    ...d,
    ...(e.className && !d.className ? { className: e.className } : {}),
    ...(e.groupSize && !d.groupSize ? { groupSize: e.groupSize } : {}),
    ...((e.email || e.phone) && !d.contact ? { contact: (e.email ?? e.phone)! } : {}),
  };
}

/** The record to book: named by a button, a code, the conversation's focus, or the best match of the words. */
async function targetOf(turn: Turn, ref?: RecordRef): Promise<RecordRef | undefined> {
  if (ref) return ref;
  const code = turn.understanding.entities.codes.find((c) => BOOKABLE.includes(c.kind));
  if (code) return { kind: code.kind as RecordRef['kind'], id: code.id };
  const focus = turn.conversation.state.focus;
  const words = turn.text.replace(/\b(prenot\w*|iscriv\w*|book\w*|enrol\w*|vorrei|voglio|per favore|please)\b/gi, ' ').trim();
  // "Come mi iscrivo?" names nothing: it is about the record in focus, not whatever "come" finds.
  if (words.length >= 3 && understandQuery(cut(words, 400), turn.today, turn.comuni).cover.length > 0) {
    // A class and a head count mean a teacher booking a lab session: look among the sites first.
    const e = turn.understanding.entities;
    const kinds: RecordRef['kind'][] = e.className || (e.groupSize ?? 0) > 1 ? ['site'] : ['course', 'site', 'service', 'initiative'];
    // Dates choose among the slots, not the record: "a gennaio" must not filter sites out. A place
    // names the record ("il laboratorio di robotica di Ostiglia"); for a service held at several
    // sites it only chooses the dates: "la DID a Goito" is the DID even where Goito has no job centre.
    const anywhere = { comune: undefined, near: undefined };
    for (const [place, only] of [[{}, kinds], [anywhere, ['service']]] as const) {
      const found = await turn.deps.retriever.search({ text: cut(words, 400), limit: 5, filters: { kinds: [...only], from: undefined, to: undefined, ...place } });
      for (const hit of found.hits.filter(isStrong)) {
        const slots = await turn.deps.bookings.slots({ ref: hit.id, after: turn.now.toISOString() });
        if (slots.length > 0) return { kind: hit.kind, id: hit.id };
      }
    }
  }
  return focus && BOOKABLE.includes(focus.kind) ? focus : undefined;
}

function upcoming(turn: Turn, slots: SlotAvailability[], d: BookingDraft): SlotAvailability[] {
  const now = turn.now.toISOString();
  const future = slots.filter((s) => new Date(s.start).toISOString() > now);
  const dates = turn.understanding.entities.dates;
  const inRange = dates ? future.filter((s) => s.start.slice(0, 10) >= dates.from && s.start.slice(0, 10) <= dates.to) : future;
  const fits = (inRange.length ? inRange : future).filter((s) => s.free >= (takesGroups(s.kind) ? (d.groupSize ?? 1) : 1));
  return fits.length ? fits : inRange.length ? inRange : future;
}

/** Enrolment that is over before anything is asked: a course already running or past its deadline, a call closed. */
function closedFor(turn: Turn, record: CatalogueRecord): string | undefined {
  const R = t(turn.lang).booking.refused;
  if (record.kind === 'course') {
    const c = record.record;
    if (c.endDate < turn.today) return `${t(turn.lang).ended(formatDate(c.endDate, turn.lang))} ${t(turn.lang).booking.noSlots}`;
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
  if (!comune && !near) return { slots };
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

function ask(turn: Turn, d: BookingDraft, record: CatalogueRecord, slot: SlotAvailability | undefined, siteName?: string): Answer {
  const B = t(turn.lang).booking;
  const T = t(turn.lang);
  if (d.slotKind && !takesGroups(d.slotKind) && d.groupSize !== undefined) {
    // "Siamo 7" for a course or an event: one seat, in this person's name, and said so.
    const { groupSize, ...one } = d;
    const next = ask(turn, one, record, slot, siteName);
    return groupSize > 1 ? { ...next, messages: [text(B.personalOnly), ...next.messages] } : next;
  }
  if (slot && d.groupSize && d.groupSize > slot.capacity) {
    // A class bigger than the lab: say how many sessions it takes and book the first part now.
    const sessions = Math.ceil(d.groupSize / slot.capacity);
    const { groupSize: _tooMany, ...rest } = d;
    return {
      intent: 'book',
      messages: [text(B.refused.GROUP_TOO_LARGE(slot.capacity, sessions)), text(B.askGroup(slot.capacity))],
      citations: [],
      state: { pending: { type: 'booking', step: 'group', draft: rest } },
    };
  }
  const step = nextStep(d);
  const pending = { type: 'booking' as const, step, draft: d };
  const cite: Citation[] = [{ kind: record.kind, id: record.record.id, title: titleOf(record) }];
  switch (step) {
    case 'class':
      return { intent: 'book', messages: [text(B.askClass)], citations: [], state: { pending } };
    case 'group':
      return { intent: 'book', messages: [text(B.askGroup(slot?.capacity ?? 0))], citations: [], state: { pending } };
    case 'name':
      return { intent: 'book', messages: [text(B.askName)], citations: [], state: { pending } };
    case 'contact':
      return { intent: 'book', messages: [text(B.askContact)], citations: [], state: { pending } };
    case 'age':
      return { intent: 'book', messages: [text(B.askAge(d.minAge ?? 0))], citations: [], state: { pending } };
    default: {
      const when = slot ? formatDateTime(slot.start, turn.lang, slot.allDay) : '';
      const lines = [
        B.summary,
        `${B.what}: ${titleOf(record)}${slot?.lab ? ` (${slot.lab})` : ''}`,
        `${B.when}: ${when}`,
        ...(siteName ? [`${B.where}: ${siteName}`] : []),
        `${B.who}: ${d.name}`,
        ...(d.contact ? [`${B.contact}: ${d.contact}`] : []),
        ...(d.className ? [`${B.cls}: ${d.className}`] : []),
        ...(d.groupSize && d.groupSize > 1 ? [`${B.people}: ${d.groupSize}`] : []),
      ];
      const full = slot ? slot.free < (d.groupSize ?? 1) : false;
      const yesNo = [{ label: full ? B.waitlistJoin : T.yes, action: 'confirm' }, { label: T.no, action: 'deny' }];
      return {
        intent: 'book',
        messages: [text(lines.join('\n')), choices(full ? B.confirmWaitlist : B.confirm, yesNo)],
        citations: cite,
        state: { pending: { type: 'booking', step: full ? 'waitlist' : 'confirm', draft: { ...d, waitlist: full } }, choices: yesNo },
      };
    }
  }
}

/** Loads what a draft talks about: the record, its slots with seats left, the slot chosen. */
async function context(turn: Turn, d: BookingDraft) {
  const { records, ctx } = await loadRecords(turn, [d.ref]);
  const record = records[0];
  const slots = await turn.deps.bookings.slots({ ref: d.ref.id, after: turn.now.toISOString() });
  const slot = slots.find((s) => s.id === d.slotId);
  const site = slot ? ctx.sites.get(slot.site) : undefined;
  return { record, slots, slot, siteName: site ? `${site.name}, ${site.address}` : undefined };
}

/**
 * "Prenota", a Book button, "mi iscrivo a C001": pick the record, offer its next dates, ask only what
 * is needed. `answers` come from a channel's booking form: with a valid date the flow goes straight on.
 */
export async function startBooking(turn: Turn, ref?: RecordRef, answers?: URLSearchParams): Promise<Answer> {
  const B = t(turn.lang).booking;
  const target = await targetOf(turn, ref);
  if (!target) return { intent: 'book', messages: [text(t(turn.lang).bookWhat)], citations: [] };
  const { records, ctx } = await loadRecords(turn, [target]);
  const record = records[0];
  if (!record) return { intent: 'book', messages: [text(t(turn.lang).bookWhat)], citations: [] };
  const closed = closedFor(turn, record);
  if (closed) {
    const T = t(turn.lang);
    const next = [
      ...(record.kind === 'course' ? [{ label: T.actions.path, action: `path:${record.record.id}` }] : []),
      { label: T.actions.person, action: 'handoff' },
    ];
    return { intent: 'book', messages: [text(`${titleOf(record)}: ${closed}`), choices(T.nextStep, next)], citations: [{ kind: record.kind, id: record.record.id, title: titleOf(record) }], state: { choices: next, focus: target } };
  }
  let draft: BookingDraft = absorb(turn, { ref: target, ...(record.kind === 'course' && record.record.minAge ? { minAge: record.record.minAge } : {}) });
  const all = await turn.deps.bookings.slots({ ref: target.id, after: turn.now.toISOString() });
  if (answers) {
    draft = withAnswers(draft, answers, all.filter((s) => new Date(s.start).getTime() > turn.now.getTime()));
    if (draft.slotId) return resume(turn, draft);
  }
  const { slots: offer, noneAt } = atPlaceAsked(turn, upcoming(turn, all, draft), ctx.sites);
  const elsewhere = noneAt && offer.length > 0 ? [text(B.noSlotsAt(noneAt))] : [];
  if (offer.length === 0) {
    const next = [{ label: t(turn.lang).actions.person, action: 'handoff' }];
    return { intent: 'book', messages: [text(`${titleOf(record)}: ${B.noSlots}`), choices(t(turn.lang).offerPerson, next)], citations: [{ kind: record.kind, id: record.record.id, title: titleOf(record) }], state: { choices: next } };
  }
  if (offer.length === 1) {
    // The one date is chosen for the person, and said with its place before anything is asked.
    const slot = offer[0]!;
    draft = { ...draft, slotId: slot.id, slotKind: slot.kind };
    const next = await resume(turn, draft);
    const site = ctx.sites.get(slot.site);
    const only = text(B.onlySlot(titleOf(record), formatDateTime(slot.start, turn.lang, slot.allDay), site ? `${site.name}, ${site.address}` : undefined));
    const cite = { kind: record.kind, id: record.record.id, title: titleOf(record) };
    return { ...next, messages: [...elsewhere, only, ...next.messages], citations: next.citations.some((c) => c.id === cite.id) ? next.citations : [cite, ...next.citations], state: { ...next.state, focus: target } };
  }
  // A service offered at several job centres: each date says where, or the one place is said once.
  const places = [...new Set(offer.slice(0, 6).map((s) => s.site))];
  const placeOf = (s: SlotAvailability) => {
    const site = ctx.sites.get(s.site);
    return site ? (ctx.comuni.get(site.comune) ?? site.name) : undefined;
  };
  const list = offer.slice(0, 6).map((s) => {
    const where = places.length > 1 ? placeOf(s) : undefined;
    return { label: shortLabel(`${formatDateTime(s.start, turn.lang, s.allDay)}${where ? ` · ${where}` : ''}${s.lab ? ` · ${s.lab}` : ''} · ${s.free > 0 ? s.free : 0}`, 80), action: `slot:${s.id}` };
  });
  const only = places.length === 1 ? ctx.sites.get(places[0]!) : undefined;
  const prompt = B.chooseSlot(titleOf(record)) + (only && record.kind === 'service' ? ` (${only.name})` : '');
  return {
    intent: 'book',
    messages: [...elsewhere, choices(prompt, list)],
    citations: [{ kind: record.kind, id: record.record.id, title: titleOf(record) }],
    state: { pending: { type: 'booking', step: 'slot', draft }, choices: list, focus: target },
  };
}

/** Asks for whatever the draft still lacks, or shows the summary to confirm. */
async function resume(turn: Turn, draft: BookingDraft): Promise<Answer> {
  const { record, slot, siteName } = await context(turn, draft);
  if (!record) return { intent: 'book', messages: [text(t(turn.lang).bookWhat)], citations: [] };
  return ask(turn, draft, record, slot, siteName);
}

export async function chooseSlot(turn: Turn, slotId: string): Promise<Answer> {
  const pending = turn.conversation.state.pending;
  const draft = pending?.type === 'booking' ? pending.draft : undefined;
  const slots = draft ? await turn.deps.bookings.slots({ ref: draft.ref.id, after: turn.now.toISOString() }) : [];
  const slot = slots.find((s) => s.id === slotId);
  if (!draft || !slot) return { intent: 'book', messages: [text(t(turn.lang).booking.refused.SLOT_NOT_FOUND)], citations: [] };
  return resume(turn, { ...draft, slotId: slot.id, slotKind: slot.kind });
}

/** The user's answer to the question the flow asked: a name, a contact, an age, a class, a number. */
export async function continueBooking(turn: Turn, step: BookingStep, draft: BookingDraft): Promise<Answer> {
  const B = t(turn.lang).booking;
  const e = turn.understanding.entities;
  const retry = (message: string): Answer => ({ intent: 'book', messages: [text(message)], citations: [], state: { pending: { type: 'booking', step, draft } } });
  const next = absorb(turn, draft);
  switch (step) {
    case 'name': {
      const name = turn.text.replace(/^(mi chiamo|sono|il mio nome è|my name is|i am|i'm|name:?)\s+/i, '').trim();
      if (!isName(name)) return retry(B.badName);
      return resume(turn, { ...next, name });
    }
    case 'contact':
      return e.email || e.phone ? resume(turn, next) : retry(B.badContact);
    case 'age': {
      const age = Number(turn.text.match(/\b(\d{1,2})\b/)?.[1]);
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
    case 'slot': {
      // A typed date instead of a pressed button: offer the dates again, narrowed by it.
      return startBooking(turn, draft.ref);
    }
    default:
      return resume(turn, next);
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
  const { record, siteName } = await context(turn, draft);
  const result = await turn.deps.bookings.book({
    slotId: draft.slotId!,
    userId: turn.inbound.userId,
    channel: turn.inbound.channel,
    name: draft.name!,
    ...(draft.contact ? { contact: draft.contact } : {}),
    ...(draft.groupSize && takesGroups(draft.slotKind ?? '') ? { groupSize: draft.groupSize } : {}),
    ...(draft.className ? { className: draft.className } : {}),
    ...(draft.age !== undefined ? { age: draft.age } : {}),
    waitlist: draft.waitlist ?? false,
    idempotencyKey: turn.inbound.messageId ?? `${turn.conversation.id}:${turn.conversation.turns}`,
  });
  const citations: Citation[] = record ? [{ kind: record.kind, id: record.record.id, title: titleOf(record) }] : [];
  if (!result.ok) {
    if (result.reason === 'FULL' && !draft.waitlist) {
      const yesNo = [{ label: B.waitlistJoin, action: 'confirm' }, { label: t(turn.lang).no, action: 'deny' }];
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
  const messages: OutboundMessage[] = [
    text(booking.status === 'waitlisted' ? B.waitlisted(booking.code, booking.waitlistPosition ?? 1) : B.booked(booking.code)),
  ];
  if (turn.caps.files && booking.status === 'confirmed') {
    messages.push(text(B.icsNote), { type: 'file', name: `${booking.code}.ics`, mediaType: 'text/calendar', encoding: 'utf8', content: bookingIcs(booking, slot, { title: record ? titleOf(record) : booking.code, location: siteName ?? '', lang: turn.lang }) });
  }
  return { intent: 'book', messages, citations, state: { pending: undefined } };
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
  const list = mine.map((b) => ({ label: B.cancelAction(b.code), action: `cancel:${b.code}` }));
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
      const list = mine.map((b) => ({ label: B.cancelAction(b.code), action: `cancel:${b.code}` }));
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
  const yesNo = [{ label: t(turn.lang).yes, action: 'confirm' }, { label: t(turn.lang).no, action: 'deny' }];
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
