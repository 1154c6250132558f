import type { Course, Initiative, School, Service, Site } from '../../domain/model/index.js';
import type { Attribute } from '../understanding/attributes.js';
import type { CatalogueRecord } from '../../domain/ports.js';
import type { Citation } from '../../domain/message.js';
import { FACT_TEXTS, type FactTexts } from './fact-texts.js';
import { excerpt, formatDate, formatMoney } from './format.js';
import { seatsOf, titleOf, type RenderContext } from './records.js';
import { t } from './texts.js';

/**
 * The one fact asked about a record, in a sentence or two: "«Stampa 3D…» inizia il 13 gennaio
 * 2027; orario: mercoledì 14:30-17:30." Facts come from the record as the partner wrote them (a
 * cost keeps its condition); what the record does not say is said as such, never guessed.
 */
export interface FactAnswer {
  text: string;
  citations: Citation[];
  /** Every attribute asked was found in the record. */
  complete: boolean;
}

export interface FactContext extends RenderContext {
  /** The person's age, when they said it ("ho 16 anni"). */
  age?: number;
  /** The town the question is about: of a service held at several sites, the one there. */
  town?: string;
}

/** How long a free-text field may run inside a fact answer. */
const FIELD_MAX = 220;

/**
 * `introduce`: the person did not name the record (search found it), so a few words say what it
 * is before the fact.
 */
export function factAnswer(r: CatalogueRecord, attributes: readonly Attribute[], ctx: FactContext, introduce = false): FactAnswer {
  const F = FACT_TEXTS[ctx.lang];
  const clauses: string[] = [];
  const citations: Citation[] = [{ kind: r.kind, id: r.record.id, title: titleOf(r) }];
  let complete = true;
  for (const attribute of attributes) {
    const clause = factOf(r, attribute, ctx, F, citations);
    if (clause) clauses.push(clause);
    else complete = false;
  }
  // Joined into one sentence: a clause opening with a yes or a no goes on in lower case ("è gratuito; sì, a 29 anni va bene").
  const unique = [...new Set(clauses)].map((c) => c.replace(/^(Sì|No|Yes)(?=[,\s])/, (w) => w.toLowerCase()));
  if (unique.length === 0) unique.push(F.notStated);
  const title = titleOf(r);
  const what = introduce && !attributes.includes('what') ? whatItIs(r) : undefined;
  const text = `«${title}»${what ? ` (${what})` : ''}: ${unique.join('; ')}.`.replace(/\.\.$/, '.').replace(/:\s*\./, '.');
  return { text: capitalise(text), citations: dedupe(citations), complete };
}

/** The first words of what a record is about, for a record the person has not heard of. */
function whatItIs(r: CatalogueRecord): string | undefined {
  const d = 'description' in r.record && typeof r.record.description === 'string' ? r.record.description : undefined;
  if (!d) return undefined;
  const first = d.replace(/\s+/g, ' ').split(/(?<=[.!?])\s/)[0] ?? d;
  return excerpt(first, 120).replace(/[.;:]$/, '');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clip = (s: string) => excerpt(s, FIELD_MAX).replace(/[.;]\s*$/, '');

function dedupe(list: Citation[]): Citation[] {
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(`${c.kind}:${c.id}`) && !!seen.add(`${c.kind}:${c.id}`));
}

function factOf(r: CatalogueRecord, a: Attribute, ctx: FactContext, F: FactTexts, citations: Citation[]): string | undefined {
  switch (r.kind) {
    case 'course':
      return courseFact(r.record, a, ctx, F, citations);
    case 'site':
      return siteFact(r.record, a, ctx, F);
    case 'service':
      return serviceFact(r.record, a, ctx, F, citations);
    case 'initiative':
      return initiativeFact(r.record, a, ctx, F, citations);
    case 'school':
      return schoolFact(r.record, a, F);
    default:
      return undefined;
  }
}

function siteOf(id: string | undefined, ctx: FactContext, citations: Citation[]): Site | undefined {
  const site = id ? ctx.sites.get(id) : undefined;
  if (site) citations.push({ kind: 'site', id: site.id, title: site.name });
  return site;
}

function addressOf(s: Site, ctx: FactContext): string {
  const comune = ctx.comuni.get(s.comune);
  return [s.name, s.address, comune && !s.address.includes(comune) ? comune : undefined].filter(Boolean).join(', ');
}

function contactsOf(c: Site['contacts'] | undefined): string | undefined {
  if (!c) return undefined;
  const parts = [c.person, c.phone, c.email, c.website].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** "Studenti 14-19 anni" -> [14, 19]; "dai 18 anni" -> [18, undefined]. */
export function ageRange(note: string | undefined, minAge: number | undefined): [number | undefined, number | undefined] {
  const n = note ?? '';
  const range = n.match(/\b(\d{1,2})\s*[-–]\s*(\d{1,2})\s*anni\b/i) ?? n.match(/\btra (?:i )?(\d{1,2}) e (?:i )?(\d{1,2}) anni\b/i);
  if (range) return [Number(range[1]), Number(range[2])];
  const from = n.match(/\b(?:dai|da|over|almeno|maggiori di|oltre i)\s*(\d{1,2})\s*anni\b/i) ?? n.match(/\b(\d{1,2})\s*anni (?:compiuti|in su)\b/i);
  if (from) return [Number(from[1]), undefined];
  if (/\bmaggiorenn/i.test(n)) return [18, undefined];
  return [minAge, undefined];
}

function eligibility(note: string | undefined, minAge: number | undefined, ctx: FactContext, F: FactTexts): string | undefined {
  const [min, max] = ageRange(note, minAge);
  const rule = note ? F.forWho(note) : min !== undefined ? F.minAge(min) : undefined;
  if (ctx.age === undefined || (min === undefined && max === undefined)) return rule;
  const fits = (min === undefined || ctx.age >= min) && (max === undefined || ctx.age <= max);
  return `${fits ? F.ageYes(ctx.age) : F.ageNo(ctx.age)}: ${rule ?? F.minAge(min!)}`;
}

function courseFact(c: Course, a: Attribute, ctx: FactContext, F: FactTexts, citations: Citation[]): string | undefined {
  const { lang, today } = ctx;
  const T = t(lang);
  const seatsNow = seatsOf(ctx.slots.get(c.id));
  const status =
    c.endDate < today ? ` ${F.ended(formatDate(c.endDate, lang))}`
    : c.startDate <= today ? ` ${F.started(formatDate(c.startDate, lang))}`
    : seatsNow && seatsNow.left <= 0 ? `; ${F.seatsFull(seatsNow.of)}`
    : '';
  switch (a) {
    case 'start':
    case 'end':
    case 'duration': {
      const dates = a === 'end' ? F.ends(formatDate(c.endDate, lang)) : F.startsEnds(formatDate(c.startDate, lang), formatDate(c.endDate, lang));
      const extra = a === 'duration' && c.hours ? `${F.lasts(c.hours)}, ` : '';
      // Knowing when it starts, the next thing a person needs is until when they can enrol.
      const enrol = a === 'start' && c.enrolmentDeadline && c.enrolmentDeadline >= today && !status ? `; ${F.deadlineOpen(formatDate(c.enrolmentDeadline, lang))}` : '';
      return `${extra}${dates}${c.schedule && a !== 'duration' ? ` (${c.schedule})` : ''}${status}${enrol}`;
    }
    case 'schedule':
    case 'hours':
      return c.schedule ? `${F.schedule(c.schedule)}, ${F.startsEnds(formatDate(c.startDate, lang), formatDate(c.endDate, lang))}` : undefined;
    case 'where':
    case 'directions':
    case 'accessibility':
    case 'contacts':
    case 'equipment':
    case 'capacity': {
      if (c.mode === 'online' && (a === 'where' || a === 'directions')) return F.online;
      const site = siteOf(c.site, ctx, citations);
      if (!site) return undefined;
      if (a === 'where') return `${F.at(addressOf(site, ctx))}${c.mode === 'blended' ? ` (${F.blended})` : ''}`;
      return siteFact(site, a, ctx, F);
    }
    case 'cost':
    case 'free':
      if (c.costNote) return F.costNote(clip(c.costNote));
      if (c.cost === undefined) return undefined;
      return c.cost === 0 ? F.free : F.costs(formatMoney(c.cost, lang));
    case 'seats': {
      const seats = seatsOf(ctx.slots.get(c.id));
      if (seats) return seats.left <= 0 ? F.seatsFull(seats.of) : F.seatsLeft(seats.left, seats.of);
      return c.seats ? F.seatsTotal(c.seats) : undefined;
    }
    case 'deadline':
      if (!c.enrolmentDeadline) return F.noDeadline;
      return c.enrolmentDeadline < today ? F.deadlineClosed(formatDate(c.enrolmentDeadline, lang)) : F.deadlineOpen(formatDate(c.enrolmentDeadline, lang));
    case 'eligibility':
    case 'audience': {
      // Whether one may join says also whether there is still room.
      const full = seatsNow && seatsNow.left <= 0 && !status ? `; ${F.seatsFull(seatsNow.of)}` : '';
      const rule = eligibility(c.audienceNote, c.minAge, ctx, F) ?? (c.prerequisites ? F.requirements(clip(c.prerequisites)) : undefined);
      return rule ? `${rule}${status}${full}` : undefined;
    }
    case 'requirements':
      return c.prerequisites ? F.requirements(clip(c.prerequisites)) : F.noRequirements;
    case 'certificate':
      return c.certificate ? F.certificate(clip(c.certificate)) : F.noCertificate;
    case 'mode':
      return F.mode[c.mode];
    case 'level':
      return F.level(T.level[c.level] ?? c.level);
    case 'language':
    case 'languages':
      return F.language(F.languageNames[c.language] ?? c.language);
    case 'provider':
      return F.provider(c.provider);
    case 'howto': {
      const how = sentenceAbout(c.description, /\biscri|\benrol|\bregistr/i) ?? F.enrolHere;
      const by = c.enrolmentDeadline && c.enrolmentDeadline >= today ? `; ${F.deadlineOpen(formatDate(c.enrolmentDeadline, lang))}` : '';
      return `${how}${by}`;
    }
    case 'documents':
    case 'bring':
      return sentenceAbout(c.description, /\bportare|\bporta\b|\bbring|\bdocument/i) ?? (c.prerequisites ? F.requirements(clip(c.prerequisites)) : undefined);
    case 'what':
      return clip(c.description);
    case 'appointment':
    case 'sponsors':
      return undefined;
  }
}

function siteFact(s: Site, a: Attribute, ctx: FactContext, F: FactTexts): string | undefined {
  // Where and when a place is open come with how to call it: the next thing one does.
  const phone = s.contacts.phone ? `; ${F.phone(s.contacts.phone)}` : '';
  switch (a) {
    case 'where':
      return `${F.address(addressOf(s, ctx))}${phone}`;
    case 'directions':
      return s.directions ? `${F.address(addressOf(s, ctx))}; ${F.directions(clip(s.directions))}` : F.address(addressOf(s, ctx));
    case 'hours':
    case 'schedule':
    case 'start':
      return s.hours ? `${F.hours(clip(s.hours))}; ${F.address(addressOf(s, ctx))}${phone}` : undefined;
    case 'equipment': {
      const labs = s.labs.map((l) => l.name).join(', ');
      const equipment = [...new Set(s.labs.flatMap((l) => l.equipment))].join(', ');
      return [labs && F.labs(labs), equipment && F.equipment(excerpt(equipment, FIELD_MAX))].filter(Boolean).join('; ') || undefined;
    }
    case 'capacity': {
      const caps = s.labs.map((l) => l.capacity).filter((n): n is number => typeof n === 'number');
      return caps.length ? F.capacity(Math.max(...caps)) : undefined;
    }
    case 'accessibility':
      return s.accessibility ? F.accessibility(clip(s.accessibility)) : undefined;
    case 'contacts':
      return contactsOf(s.contacts) ? F.contacts(contactsOf(s.contacts)!) : undefined;
    case 'provider':
      return F.provider(s.provider);
    case 'what':
    case 'bring':
    case 'documents':
    case 'requirements': {
      const labs = s.labs.map((l) => l.name).join(', ');
      const parts = [a === 'what' && labs ? F.labs(labs) : undefined, s.description ? F.bring(clip(s.description)) : undefined].filter(Boolean);
      return parts.join('; ') || undefined;
    }
    case 'appointment':
      return s.description && /appuntamento|appointment/i.test(s.description) ? F.bring(clip(s.description)) : undefined;
    default:
      return undefined;
  }
}

function serviceFact(s: Service, a: Attribute, ctx: FactContext, F: FactTexts, citations: Citation[]): string | undefined {
  const sites = s.sites.map((id) => ctx.sites.get(id)).filter((x): x is Site => !!x);
  const names = sites.map((x) => ctx.comuni.get(x.comune) ?? x.name);
  switch (a) {
    case 'howto':
    case 'eligibility':
      if (a === 'eligibility' && s.audienceNote) return eligibility(s.audienceNote, undefined, ctx, F);
      // How to get it, and what to bring when one goes.
      return [F.howTo(clip(s.howToAccess)), s.documents.length ? F.documents(s.documents.join('; ')) : ''].filter(Boolean).join('; ');
    case 'documents':
    case 'bring':
    case 'requirements':
      return s.documents.length ? F.documents(s.documents.join('; ')) : F.noDocuments;
    case 'where':
    case 'directions':
    case 'hours':
    case 'contacts':
    case 'accessibility': {
      // Held at several places, asked about one town: the site there.
      const there = ctx.town ? sites.filter((x) => ctx.comuni.get(x.comune) === ctx.town) : [];
      const one = sites.length === 1 ? sites[0] : there.length === 1 ? there[0] : undefined;
      if (one) {
        citations.push({ kind: 'site', id: one.id, title: one.name });
        return siteFact(one, a, ctx, F) ?? F.sites(addressOf(one, ctx));
      }
      // Offered at a few places: each with its address; at many: the towns, and how to get an appointment.
      if (sites.length <= 3) {
        for (const x of sites) citations.push({ kind: 'site', id: x.id, title: x.name });
        return [F.sites(sites.map((x) => addressOf(x, ctx)).join('; ')), a === 'where' ? F.howTo(clip(s.howToAccess)) : ''].filter(Boolean).join('; ');
      }
      return names.length ? [F.sites([...new Set(names)].join(', ')), a === 'where' ? F.howTo(clip(s.howToAccess)) : ''].filter(Boolean).join('; ') : undefined;
    }
    case 'appointment':
    case 'duration':
    case 'start':
    case 'schedule':
      return s.bookable ? F.appointment(s.appointmentMinutes) : F.walkIn;
    case 'languages':
    case 'language': {
      const said = sentenceAbout(s.description, /mediat|interpret|lingu|language/i) ?? sentenceAbout(s.howToAccess, /mediat|interpret|lingu|language/i);
      return [F.languages(s.languages.map((l) => F.languageNames[l] ?? l).join(', ')), said].filter(Boolean).join('; ');
    }
    case 'cost':
    case 'free':
      return s.cost > 0 ? F.costs(formatMoney(s.cost, ctx.lang)) : F.free;
    case 'audience':
      return s.audienceNote ? F.forWho(s.audienceNote) : forAudiences(s.audience, F);
    case 'provider':
      return F.provider(s.provider);
    case 'what':
      return clip(s.description);
    default:
      return undefined;
  }
}

/** Who a record is for, from its audience codes, when it has no sentence of its own for it. */
function forAudiences(audience: readonly string[], F: FactTexts): string | undefined {
  return audience.length ? F.forWho(audience.map((a) => F.audiences[a] ?? a).join(', ')) : undefined;
}

function initiativeFact(i: Initiative, a: Attribute, ctx: FactContext, F: FactTexts, citations: Citation[]): string | undefined {
  const { lang, today } = ctx;
  switch (a) {
    case 'start':
    case 'end':
    case 'schedule':
    case 'duration': {
      const dates = F.startsEnds(formatDate(i.startDate, lang), formatDate(i.endDate ?? i.startDate, lang));
      // An event with places to book says its hours and the places left.
      const slot = (ctx.slots.get(i.id) ?? [])[0];
      if (!slot || slot.allDay) return dates;
      const left = slot.capacity - slot.taken;
      return `${dates}, ${F.fromTime(timeOf(slot.start), timeOf(slot.end))}; ${left <= 0 ? F.seatsFull(slot.capacity) : F.seatsLeft(left, slot.capacity)}`;
    }
    case 'deadline':
      if (!i.applicationDeadline) return F.noDeadline;
      return i.applicationDeadline < today ? F.applyClosed(formatDate(i.applicationDeadline, lang)) : F.applyBy(formatDate(i.applicationDeadline, lang));
    case 'eligibility':
    case 'audience':
      return eligibility(i.audienceNote, undefined, ctx, F) ?? forAudiences(i.audience, F);
    case 'sponsors':
      return i.sponsors.length ? F.sponsors(i.sponsors.join(', ')) : F.noSponsors;
    case 'howto':
    case 'requirements':
    case 'documents':
    {
      const how = i.howToApply ? F.apply(clip(i.howToApply)) : a === 'howto' && i.url ? F.applyAt(i.url) : undefined;
      // "Si prenota?" for an event is asked by someone who means to come: when, with how.
      const when = a === 'howto' && how && i.startDate >= today ? F.startsEnds(formatDate(i.startDate, lang), formatDate(i.endDate ?? i.startDate, lang)) : undefined;
      return when ? `${how}; ${when}` : how;
    }
    case 'where':
    case 'directions':
    case 'accessibility':
    case 'contacts':
    case 'hours': {
      const site = siteOf(i.site, ctx, citations);
      if (!site) return undefined;
      return a === 'where' ? F.at(addressOf(site, ctx)) : siteFact(site, a, ctx, F);
    }
    case 'cost':
    case 'free':
      return i.cost > 0 ? F.costs(formatMoney(i.cost, lang)) : F.free;
    case 'provider':
      return F.provider(i.organizer);
    case 'what':
      return clip(i.description);
    default:
      return undefined;
  }
}

function schoolFact(s: School & { comuneName?: string }, a: Attribute, F: FactTexts): string | undefined {
  switch (a) {
    case 'where':
    case 'directions':
      return s.address ? F.address([s.address, s.comuneName].filter(Boolean).join(', ')) : undefined;
    case 'contacts': {
      const c = [s.email, s.website].filter(Boolean).join(' · ');
      return c ? F.contacts(c) : undefined;
    }
    case 'what':
    case 'level':
    case 'audience': {
      const grade = gradeOf(s.type);
      const said = grade ? F.grades[grade] : undefined;
      return said ? `${said}; ${F.registryType(s.type)}` : s.type || undefined;
    }
    default:
      return undefined;
  }
}

/** The grade a registry type is of, in the words people use ("SCUOLA PRIMO GRADO" is the medie). */
function gradeOf(type: string): string | undefined {
  const t = type.toUpperCase();
  if (/INFANZIA/.test(t)) return 'infanzia';
  if (/PRIMARIA/.test(t)) return 'primaria';
  if (/PRIMO GRADO/.test(t)) return 'media';
  if (/COMPRENSIVO/.test(t)) return 'comprensivo';
  if (/CENTRO TERRITORIALE|CPIA/.test(t)) return 'adulti';
  if (/SECONDO GRADO|LICEO|ISTITUTO (TECNICO|SUPERIORE|MAGISTRALE|PROFESSIONALE|D.ARTE)|IST PROF/.test(t)) return 'superiore';
  return undefined;
}

/** The sentence of a description that answers ("si iscrive sulla piattaforma…"), if one does. */
function sentenceAbout(text: string, re: RegExp): string | undefined {
  const sentence = text.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]?/g)?.find((x) => re.test(x));
  return sentence ? clip(sentence.trim()) : undefined;
}

function timeOf(iso: string): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso)).replace(/^0(\d)/, '$1');
}

/**
 * What a record says about words a question asks ("c'è un interprete LIS all'hub?", "il FabLab ha
 * il taglio laser?"): the sentences of its own fields that hold them, or undefined when none does.
 */
export function recordSays(r: CatalogueRecord, words: readonly string[], lang: 'it' | 'en'): string | undefined {
  const stems = [...new Set(words.filter((w) => w.length >= 3).map((w) => (w.length >= 6 ? w.slice(0, w.length - 2) : w)))];
  if (stems.length === 0) return undefined;
  const { id: _id, title: _title, name: _name, ...rest } = r.record as unknown as Record<string, unknown>;
  const fields = Object.values(rest).flatMap((v) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : x && typeof x === 'object' ? Object.values(x).filter((y): y is string => typeof y === 'string') : [])) : [],
  );
  const sentences = fields.flatMap((f) => f.replace(/\s+/g, ' ').split(/(?<=[.!?;])\s/)).filter((x) => x.length > 2);
  const fold = (x: string) => x.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  const hits = (x: string) => stems.filter((st) => new RegExp(`\\b${st.replace(/[^a-z0-9]/g, '')}`).test(fold(x))).length;
  const need = Math.max(1, Math.floor(stems.length / 2));
  const best = sentences.map((x) => ({ x, n: hits(x) })).filter((e) => e.n >= need).sort((a, b) => b.n - a.n)[0];
  void lang;
  return best ? excerpt(best.x, FIELD_MAX) : undefined;
}
