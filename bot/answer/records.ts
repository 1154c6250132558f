import type { Course, DocumentChunk, Initiative, School, Service, Site, Slot } from '../../domain/model/index.js';
import { encodeAction } from '../../domain/action.js';
import type { CatalogueRecord } from '../../domain/ports.js';
import type { Citation, Lang, OutboundMessage } from '../../domain/message.js';
import { excerpt, formatDate, formatDateTime, formatMoney } from './format.js';
import { t } from './texts.js';
import { fold } from '../../text/normalize.js';

type Card = Extract<OutboundMessage, { type: 'card' }>;

/** What one record contributes to an answer: a line for plain text, a card, the records it cites. */
export interface Rendered {
  line: string;
  card: Card;
  citations: Citation[];
}

/** Everything a record's answer may need besides the record: the day, its site, its slots. */
export interface RenderContext {
  lang: Lang;
  today: string;
  sites: Map<string, Site>;
  /** Slots by the record they belong to. */
  slots: Map<string, Slot[]>;
  comuni: Map<string, string>;
  /** The words asked (folded): a passage shows the sentences that hold them. */
  words?: string[];
}

const cite = (kind: string, id: string, title: string): Citation => ({ kind, id, title });
const fact = (label: string, value: string | undefined) => (value ? [{ label, value }] : []);

function siteLabel(site: Site | undefined, ctx: RenderContext): string | undefined {
  if (!site) return undefined;
  const comune = ctx.comuni.get(site.comune);
  return [site.name, site.address, comune && !site.address.includes(comune) ? comune : undefined].filter(Boolean).join(', ');
}

function contactsLine(c: Site['contacts'] | undefined): string | undefined {
  if (!c) return undefined;
  const parts = [c.person, c.phone, c.email, c.website].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** Seats left on the soonest open slot, or the course's stated seats when no slot is listed. */
export function seatsOf(slots: Slot[] | undefined): { left: number; of: number } | undefined {
  const slot = slots?.[0];
  return slot ? { left: slot.capacity - slot.taken, of: slot.capacity } : undefined;
}

export function courseStatus(c: Course, slots: Slot[] | undefined, lang: Lang, today: string): string[] {
  const T = t(lang);
  if (c.endDate < today) return [T.ended(formatDate(c.endDate, lang))];
  const notes: string[] = [];
  if (c.startDate <= today) notes.push(T.started(formatDate(c.startDate, lang)));
  const seats = seatsOf(slots);
  if (seats && seats.left <= 0) notes.push(T.full);
  if (c.enrolmentDeadline) notes.push(c.enrolmentDeadline < today ? T.deadlinePassed(formatDate(c.enrolmentDeadline, lang)) : T.deadlineOpen(formatDate(c.enrolmentDeadline, lang)));
  return notes;
}

function renderCourse(c: Course, ctx: RenderContext): Rendered {
  const { lang, today } = ctx;
  const T = t(lang);
  const site = ctx.sites.get(c.site);
  const when = T.fromTo(formatDate(c.startDate, lang), formatDate(c.endDate, lang));
  const cost = c.cost === undefined ? c.costNote : c.cost === 0 ? T.free : formatMoney(c.cost, lang);
  const seats = seatsOf(ctx.slots.get(c.id));
  const seatText = seats ? T.seatsLeft(seats.left, seats.of) : c.seats ? T.seatsTotal(c.seats) : undefined;
  const status = courseStatus(c, ctx.slots.get(c.id), lang, today);
  const where = c.mode === 'online' ? T.mode.online : siteLabel(site, ctx);
  const line = [
    `${c.title} (${c.id}) — ${c.provider}.`,
    `${when.charAt(0).toUpperCase()}${when.slice(1)}${c.schedule ? `, ${c.schedule}` : ''}.`,
    where ? `${T.label.where}: ${where}${c.mode === 'blended' ? ` (${T.mode.blended})` : ''}.` : '',
    cost ? `${T.label.cost}: ${cost}.` : '',
    seatText && c.endDate >= today ? `${T.label.seats}: ${seatText}.` : '',
    ...status,
  ].filter(Boolean).join(' ');
  const card: Card = {
    type: 'card',
    title: c.title,
    subtitle: `${c.provider} · ${T.level[c.level]} · ${T.mode[c.mode]}`,
    facts: [
      ...fact(T.label.when, when),
      ...fact(T.label.schedule, c.schedule),
      ...fact(T.label.where, where),
      ...fact(T.label.cost, cost),
      ...fact(T.label.seats, c.endDate >= today ? seatText : undefined),
      ...fact(T.label.deadline, c.enrolmentDeadline ? formatDate(c.enrolmentDeadline, lang) : undefined),
      ...fact(T.label.hours, c.hours ? T.hoursN(c.hours) : undefined),
      ...fact(T.label.audience, c.audienceNote ?? (c.minAge ? T.minAge(c.minAge) : undefined)),
      ...fact(T.label.prerequisites, c.prerequisites ? excerpt(c.prerequisites, 120) : undefined),
    ],
    text: [status.join(' '), passageExcerpt(c.description, ctx.words, 280)].filter(Boolean).join(' '),
    actions: [
      { label: T.actions.details, action: encodeAction({ type: 'details', ref: { kind: 'course', id: c.id } }) },
      ...(c.endDate >= today ? [{ label: T.actions.book, action: encodeAction({ type: 'book', ref: { kind: 'course', id: c.id } }) }] : []),
    ],
    source: { kind: 'course', id: c.id },
  };
  return { line, card, citations: [cite('course', c.id, c.title), ...(site ? [cite('site', site.id, site.name)] : [])] };
}

/** The full answer about one course: everything a student needs to decide and enrol. */
export function courseDetails(c: Course, ctx: RenderContext): string[] {
  const T = t(ctx.lang);
  const base = renderCourse(c, ctx);
  const extra = [
    c.hours ? `${T.label.hours}: ${T.hoursN(c.hours)}.` : '',
    c.prerequisites ? `${T.label.prerequisites}: ${c.prerequisites}` : '',
    c.certificate ? `${T.label.certificate}: ${c.certificate}.` : '',
    c.audienceNote ? `${T.label.audience}: ${c.audienceNote}.` : '',
  ].filter(Boolean);
  return [base.line, excerpt(c.description, 500), ...extra];
}

function renderSite(s: Site, ctx: RenderContext): Rendered {
  const T = t(ctx.lang);
  const labs = s.labs.map((l) => (l.equipment.length ? `${l.name} (${l.equipment.join(', ')})` : l.name)).join('; ');
  const contacts = contactsLine(s.contacts);
  const address = siteLabel({ ...s, name: '' } as Site, ctx)?.replace(/^, /, '');
  const line = [
    `${s.name} (${s.id}) — ${address}.`,
    s.hours ? `${T.label.hoursOpen}: ${s.hours}.` : '',
    labs ? `${T.label.labs}: ${labs}.` : '',
    s.accessibility ? `${T.label.accessibility}: ${s.accessibility}` : '',
    s.directions ? `${T.label.directions}: ${s.directions}` : '',
    contacts ? `${T.label.contacts}: ${contacts}.` : '',
  ].filter(Boolean).join(' ');
  const card: Card = {
    type: 'card',
    title: s.name,
    subtitle: s.provider,
    facts: [
      ...fact(T.label.address, address),
      ...fact(T.label.hoursOpen, s.hours),
      ...fact(T.label.labs, labs || undefined),
      ...fact(T.label.accessibility, s.accessibility),
      ...fact(T.label.directions, s.directions),
      ...fact(T.label.contacts, contacts),
    ],
    text: s.description ? excerpt(s.description, 280) : undefined,
    actions: [
      { label: T.actions.details, action: encodeAction({ type: 'details', ref: { kind: 'site', id: s.id } }) },
      ...(s.labs.length ? [{ label: T.actions.book, action: encodeAction({ type: 'book', ref: { kind: 'site', id: s.id } }) }] : []),
      ...(s.contacts.website ? [{ label: T.label.website, url: s.contacts.website }] : []),
    ],
    source: { kind: 'site', id: s.id },
  };
  return { line, card, citations: [cite('site', s.id, s.name)] };
}

function renderService(s: Service, ctx: RenderContext): Rendered {
  const T = t(ctx.lang);
  const sites = s.sites.map((id) => ctx.sites.get(id)).filter((x): x is Site => !!x);
  const where = sites.map((x) => x.name).join('; ');
  const access = s.bookable ? T.bookable(s.appointmentMinutes) : T.walkIn;
  const line = [
    `${s.title} (${s.id}) — ${s.provider}.`,
    excerpt(s.description, 220),
    s.audienceNote ? `${T.label.audience}: ${s.audienceNote}.` : '',
    `${T.label.howTo}: ${s.howToAccess}`,
    s.documents.length ? `${T.label.documents}: ${s.documents.join('; ')}.` : '',
    where ? `${T.label.sites}: ${where}.` : '',
    access,
    s.cost > 0 ? `${T.label.cost}: ${formatMoney(s.cost, ctx.lang)}.` : '',
  ].filter(Boolean).join(' ');
  const card: Card = {
    type: 'card',
    title: s.title,
    subtitle: s.provider,
    facts: [
      ...fact(T.label.audience, s.audienceNote),
      ...fact(T.label.howTo, s.howToAccess),
      ...fact(T.label.documents, s.documents.join('; ') || undefined),
      ...fact(T.label.sites, where || undefined),
    ],
    text: `${access} ${passageExcerpt(s.description, ctx.words, 260)}`,
    actions: [{ label: T.actions.details, action: encodeAction({ type: 'details', ref: { kind: 'service', id: s.id } }) }, ...(s.bookable ? [{ label: T.actions.book, action: encodeAction({ type: 'book', ref: { kind: 'service', id: s.id } }) }] : [])],
    source: { kind: 'service', id: s.id },
  };
  return { line, card, citations: [cite('service', s.id, s.title), ...sites.map((x) => cite('site', x.id, x.name))] };
}

function renderInitiative(i: Initiative, ctx: RenderContext): Rendered {
  const { lang, today } = ctx;
  const T = t(lang);
  const end = i.endDate ?? i.startDate;
  const when = T.fromTo(formatDate(i.startDate, lang), formatDate(end, lang));
  const status =
    end < today
      ? T.initiativeEnded(formatDate(end, lang))
      : i.applicationDeadline
        ? i.applicationDeadline < today
          ? T.initiativeDeadlinePassed(formatDate(i.applicationDeadline, lang))
          : T.initiativeDeadline(formatDate(i.applicationDeadline, lang))
        : '';
  const site = i.site ? ctx.sites.get(i.site) : undefined;
  const line = [
    `${i.title} (${i.id}) — ${i.organizer}.`,
    `${when.charAt(0).toUpperCase()}${when.slice(1)}.`,
    site ? `${T.label.where}: ${siteLabel(site, ctx)}.` : '',
    status,
    i.sponsors.length ? `${T.label.sponsors}: ${i.sponsors.join(', ')}.` : '',
    i.howToApply ? `${T.label.apply}: ${i.howToApply}` : '',
    i.url ? i.url : '',
  ].filter(Boolean).join(' ');
  const card: Card = {
    type: 'card',
    title: i.title,
    subtitle: i.organizer,
    facts: [
      ...fact(T.label.when, when),
      ...fact(T.label.where, siteLabel(site, ctx)),
      ...fact(T.label.deadline, i.applicationDeadline ? formatDate(i.applicationDeadline, lang) : undefined),
      ...fact(T.label.sponsors, i.sponsors.join(', ') || undefined),
      ...fact(T.label.audience, i.audienceNote),
    ],
    text: [status, passageExcerpt(i.description, ctx.words, 240)].filter(Boolean).join(' '),
    actions: [
      { label: T.actions.details, action: encodeAction({ type: 'details', ref: { kind: 'initiative', id: i.id } }) },
      ...(i.url ? [{ label: T.label.website, url: i.url }] : []),
    ],
    source: { kind: 'initiative', id: i.id },
  };
  return { line, card, citations: [cite('initiative', i.id, i.title), ...(site ? [cite('site', site.id, site.name)] : [])] };
}

function renderSchool(s: School & { comuneName?: string }, ctx: RenderContext): Rendered {
  const T = t(ctx.lang);
  const address = [s.address, s.comuneName].filter(Boolean).join(', ');
  const contacts = [s.email, s.website].filter(Boolean).join(' · ');
  const line = [`${s.name} (${s.id}) — ${s.type}.`, address ? `${T.label.address}: ${address}.` : '', contacts ? `${T.label.contacts}: ${contacts}.` : ''].filter(Boolean).join(' ');
  const card: Card = {
    type: 'card',
    title: s.name,
    subtitle: s.type,
    facts: [...fact(T.label.address, address || undefined), ...fact(T.label.contacts, contacts || undefined)],
    actions: s.website ? [{ label: T.label.website, url: s.website.startsWith('http') ? s.website : `https://${s.website.replace(/^https?\/\//, '')}` }] : [],
    source: { kind: 'school', id: s.id },
  };
  return { line, card, citations: [cite('school', s.id, s.name)] };
}

/**
 * A passage cut to what was asked: its opening, unless a word asked for only comes later, in which
 * case the sentences holding such words replace the end of the opening. "Se arrivo in ritardo?"
 * gets the last sentence of a passage on appointments, the one on lateness.
 */
export function passageExcerpt(text: string, words: readonly string[] | undefined, max: number, opening = excerpt(text.replace(/\s+/g, ' ').trim(), max)): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const stems = [...new Set((words ?? []).filter((w) => w.length >= 4).map((w) => w.slice(0, Math.max(4, w.length - 2))))];
  const has = (part: string, stem: string) => new RegExp(`\\b${stem}`).test(fold(part));
  const missing = stems.filter((stem) => has(flat, stem) && !has(opening, stem));
  if (flat.length <= max || missing.length === 0) return opening;
  const sentences = flat.match(/[^.!?]+(?:[.!?]+|$)/g)?.map((x) => x.trim()).filter(Boolean) ?? [flat];
  const picked = new Set<number>();
  let length = 0;
  const take = (i: number) => {
    if (picked.has(i) || length + sentences[i]!.length + 2 > max) return;
    picked.add(i);
    length += sentences[i]!.length + 2;
  };
  // The sentences holding most of what was asked first: "domanda di NASpI entro…" before "entro 15 giorni".
  const held = (x: string) => missing.filter((stem) => has(x, stem)).length;
  const holding = sentences
    .map((x, i) => ({ i, n: held(x) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.i);
  // A sentence holding what was asked that is too long for the room left is still better than none.
  if (holding.length > 0 && holding.every((i) => sentences[i]!.length + 2 > max)) return excerpt(sentences[holding[0]!]!, max);
  holding.forEach(take);
  sentences.forEach((_, i) => take(i));
  if (picked.size === 0) return opening;
  const order = [...picked].sort((a, b) => a - b);
  return order.map((i, n) => (n > 0 && order[n - 1]! < i - 1 ? `… ${sentences[i]}` : sentences[i])).join(' ');
}

function renderDoc(d: DocumentChunk, ctx: RenderContext): Rendered {
  const T = t(ctx.lang);
  const heading = d.headings.at(-1) ?? d.title;
  const source = T.sourceDoc(d.title, d.page);
  const body = passageExcerpt(d.text, ctx.words, 420);
  const line = `${heading}: ${body} (${T.label.source}: ${source})`;
  const card: Card = { type: 'card', title: heading, subtitle: source, facts: [], text: body, actions: [], source: { kind: 'doc', id: d.id } };
  return { line, card, citations: [cite('doc', d.id, heading === d.title ? d.title : `${d.title} — ${heading}`)] };
}

export function render(r: CatalogueRecord, ctx: RenderContext): Rendered {
  switch (r.kind) {
    case 'course': return renderCourse(r.record, ctx);
    case 'site': return renderSite(r.record, ctx);
    case 'service': return renderService(r.record, ctx);
    case 'initiative': return renderInitiative(r.record, ctx);
    case 'school': return renderSchool(r.record, ctx);
    case 'doc': return renderDoc(r.record, ctx);
  }
}

/** Upcoming slots as lines: "martedì 12 gennaio 2027, 14:30 — 7 posti liberi su 20". */
export function slotLines(slots: Slot[], lang: Lang, sites?: Map<string, Site>): string[] {
  const T = t(lang);
  // A service offered at several job centres: each date says where.
  const several = new Set(slots.map((s) => s.site)).size > 1;
  return slots.map((s) => {
    const where = several && sites?.get(s.site) ? `, ${sites.get(s.site)!.name}` : '';
    return `${formatDateTime(s.start, lang, s.allDay)}${where}${s.lab ? ` (${s.lab})` : ''} — ${T.seatsLeft(s.capacity - s.taken, s.capacity)}`;
  });
}

export function titleOf(r: CatalogueRecord): string {
  return 'title' in r.record ? r.record.title : r.record.name;
}

/** Where a record is, as a place name: its comune, or its site's. */
function placeOf(r: CatalogueRecord, ctx: RenderContext): string | undefined {
  const site = r.kind === 'course' ? ctx.sites.get(r.record.site) : r.kind === 'initiative' && r.record.site ? ctx.sites.get(r.record.site) : r.kind === 'site' ? r.record : undefined;
  if (site) return `${r.kind === 'site' ? '' : `${site.name}, `}${ctx.comuni.get(site.comune) ?? site.address}`;
  if (r.kind === 'school') return r.record.comuneName;
  return undefined;
}

/** One line of a list: what it is, where, when, what it costs; a phone shows three of them at once. */
export function listLine(r: CatalogueRecord, ctx: RenderContext): string {
  const T = t(ctx.lang);
  const parts: string[] = [titleOf(r)];
  switch (r.kind) {
    case 'course': {
      const c = r.record;
      const cost = c.costNote ?? (c.cost === undefined ? undefined : c.cost === 0 ? T.free : formatMoney(c.cost, ctx.lang));
      const state = c.endDate < ctx.today ? T.ended(formatDate(c.endDate, ctx.lang)) : seatsOf(ctx.slots.get(c.id))?.left === 0 ? T.full : undefined;
      parts.push([c.mode === 'online' ? T.mode.online : placeOf(r, ctx), T.fromTo(formatDate(c.startDate, ctx.lang), formatDate(c.endDate, ctx.lang)), cost && excerpt(cost, 60), state].filter(Boolean).join(' · '));
      break;
    }
    case 'initiative': {
      const i = r.record;
      parts.push([placeOf(r, ctx), T.fromTo(formatDate(i.startDate, ctx.lang), formatDate(i.endDate ?? i.startDate, ctx.lang))].filter(Boolean).join(' · '));
      break;
    }
    case 'service':
      parts.push(r.record.provider);
      break;
    case 'doc':
      parts.push(passageExcerpt(r.record.text, ctx.words, 120));
      break;
    default:
      parts.push(placeOf(r, ctx) ?? '');
  }
  return parts.filter(Boolean).join(' — ');
}

/** One record on a phone screen: the facts that decide, a sentence of what it is; the rest on request. */
export function summaryOf(r: CatalogueRecord, ctx: RenderContext): string {
  const T = t(ctx.lang);
  switch (r.kind) {
    case 'course':
      return [
        render(r, ctx).line,
        passageExcerpt(r.record.description, ctx.words, 160),
        r.record.prerequisites ? `${T.label.prerequisites}: ${excerpt(r.record.prerequisites, 100)}` : '',
      ].filter(Boolean).join('\n');
    case 'service': {
      const s = r.record;
      const sites = s.sites.map((id) => ctx.sites.get(id)).filter((x): x is Site => !!x).map((x) => ctx.comuni.get(x.comune) ?? x.name);
      return [
        `${s.title} (${s.id}) — ${s.provider}.`,
        passageExcerpt(s.description, ctx.words, 160),
        `${T.label.howTo}: ${passageExcerpt(s.howToAccess, ctx.words, 150)}`,
        s.documents.length ? `${T.label.documents}: ${excerpt(s.documents.join('; '), 120)}.` : '',
        sites.length ? `${T.label.sites}: ${sites.join(', ')}.` : '',
      ].filter(Boolean).join('\n');
    }
    case 'site': {
      const s = r.record;
      const contacts = contactsLine(s.contacts);
      return [
        `${s.name} (${s.id}) — ${siteLabel({ ...s, name: '' } as Site, ctx)?.replace(/^, /, '')}.`,
        s.hours ? `${T.label.hoursOpen}: ${s.hours}.` : '',
        s.labs.length ? `${T.label.labs}: ${s.labs.map((l) => l.name).join(', ')}.` : '',
        contacts ? `${T.label.contacts}: ${contacts}.` : '',
        s.description ? excerpt(s.description, 120) : '',
      ].filter(Boolean).join('\n');
    }
    default:
      return excerpt(render(r, ctx).line, 560);
  }
}

/** A card of a list: what, when, where, what it costs; the rest behind its Details button. */
export function compactCard(r: CatalogueRecord, ctx: RenderContext): Card {
  const T = t(ctx.lang);
  const card = render(r, ctx).card;
  const keep =
    r.kind === 'initiative' ? [T.label.when, T.label.deadline, T.label.sponsors, T.label.where]
    : r.kind === 'site' ? [T.label.address, T.label.hoursOpen, T.label.contacts]
    : r.kind === 'service' ? [T.label.sites]
    : [T.label.when, T.label.where, T.label.cost, T.label.deadline];
  const status = r.kind === 'course' ? courseStatus(r.record, ctx.slots.get(r.record.id), ctx.lang, ctx.today).filter((x) => !x.startsWith(T.deadlineOpen('').slice(0, 8))) : [];
  const about = 'description' in r.record && typeof r.record.description === 'string' ? askedSentence(r.record.description, ctx.words, 120) : r.kind === 'doc' ? passageExcerpt(r.record.text, ctx.words, 140) : undefined;
  if (r.kind === 'service') status.push(r.record.bookable ? T.bookable(r.record.appointmentMinutes) : T.walkIn);
  // How one gets a service is as much what it is as its description.
  const how = r.kind === 'service' ? passageExcerpt(r.record.howToAccess, ctx.words, 120) : undefined;
  // A course's days and times go with its dates: "evening", "Saturdays" decide as much as when.
  const schedule = r.kind === 'course' ? r.record.schedule : undefined;
  const facts = card.facts
    .filter((f) => keep.includes(f.label))
    .sort((a, b) => keep.indexOf(a.label) - keep.indexOf(b.label))
    .slice(0, 3)
    .map((f) => ({ ...f, value: excerpt(schedule && f.label === T.label.when ? `${f.value}, ${schedule}` : f.value, 110) }));
  return { ...card, facts, text: [...status, about, how].filter(Boolean).join(' ') || undefined };
}

/** A description's first sentence, cut to `max`. */
export function firstSentence(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return excerpt(flat.split(/(?<=[.!?])\s/)[0] ?? flat, max);
}

/** A text's first sentence, or the sentences that hold the words asked when it does not. */
export function askedSentence(text: string, words: readonly string[] | undefined, max: number): string {
  return passageExcerpt(text, words, max, firstSentence(text, max));
}
