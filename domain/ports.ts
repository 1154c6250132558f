import type { Audience, Course, DocumentChunk, Initiative, Level, School, Service, Site, Slot } from './model/index.js';
import type { ReplyIntent } from './intent.js';
import type { Lang, OutboundMessage, Reply } from './message.js';

export type SearchKind = 'course' | 'site' | 'service' | 'initiative' | 'school' | 'doc';

/** What the catalogue says of a record that people name it by. */
export interface NameSource {
  kind: string;
  id: string;
  title: string;
  /** Sites: the labs they hold. */
  labs?: string[];
  /** Sites and schools: who runs them (the school of a school lab). */
  provider?: string;
  /** Sites, schools and courses: the comune's name (a course's is its site's). */
  comune?: string;
  /** Sites: hub, school_lab, job_centre…; initiatives: call, event, open_day… */
  type?: string;
}
export type Signal = 'fts' | 'trigram' | 'vector';

export interface Place {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

/** What narrows a search; understood from the query text, given explicitly, or both. */
export interface SearchFilters {
  kinds?: SearchKind[];
  /** Records in this comune. */
  comune?: Place;
  /** Records within `radiusKm` of this place, nearest first among equals. */
  near?: Place & { radiusKm: number };
  audience?: Audience[];
  level?: Level;
  freeOnly?: boolean;
  online?: boolean;
  /** Starting on or after this date (YYYY-MM-DD)… */
  from?: string;
  /** …and on or before this one. */
  to?: string;
  openForEnrolment?: boolean;
}

/** A question read for search: its topic words (with synonyms), the words as typed, filters and hints. */
export interface ParsedQuery {
  /** Topical words for full text and vectors, synonyms added. */
  text: string;
  /** Topical words as typed (folded), for trigram matching of names and typos. */
  literal: string;
  /** The words a match is judged by, each with its synonyms. */
  cover: string[];
  /** Upper-cased tokens that may be record codes. */
  codes: string[];
  filters: SearchFilters;
  /** Comuni named without a preposition: a preference, not a filter. */
  preferComuni: Place[];
  /** Kinds the words point to: a preference, not a filter. */
  preferKinds: SearchKind[];
}

export interface SearchRequest {
  text: string;
  /** The question as the engine already read it: the text is not read again. */
  query?: ParsedQuery;
  limit?: number;
  filters?: SearchFilters;
  /** Read filters out of the text ("gratis", "vicino a Suzzara", "a gennaio"); on by default. */
  understand?: boolean;
  /** Which signals to fuse; all available ones by default (the quality script compares them). */
  signals?: Signal[];
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  /** What matched: signals and fields, filters, distance. */
  why: string[];
  /**
   * Each signal's own score (fts, trigram, vector, code, filter): how sure the match is. With
   * topical words: `words` (how many a match is judged by), `known` (how many the catalogue holds
   * at all), `matched` (how many this record holds) and `key` (how many in its title, keywords or
   * names); `ended: 1` for a course or initiative already over.
   */
  signals?: Record<string, number>;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The topical words left once filters were read out of the text, and the filters applied. */
  query: { text: string; filters: SearchFilters };
  /** Set when a comune filter found nothing and nearby places were searched instead. */
  widened?: string;
}

/** Finds catalogue records and passages for a question. */
export interface Retriever {
  search(request: SearchRequest): Promise<SearchResult>;
}

/** A catalogue record with its kind, as the engine reads it to compose answers. */
export type CatalogueRecord =
  | { kind: 'course'; record: Course }
  | { kind: 'site'; record: Site }
  | { kind: 'service'; record: Service }
  | { kind: 'initiative'; record: Initiative }
  | { kind: 'school'; record: School & { comuneName?: string } }
  | { kind: 'doc'; record: DocumentChunk };

export interface RecordRef {
  kind: SearchKind;
  id: string;
}

/** Reads whole records, their bookable slots and their surroundings. */
/** What a turn and a search know of the catalogue beyond its records, as of one version of it. */
export interface CatalogueFacts {
  /** Differs from every other version's. */
  readonly version: string;
  readonly comuni: Place[];
  /** Ids and names of every record but passages, and the comuni (see CatalogueReader.vocabulary): read once, when first asked. */
  vocabulary(): Promise<{ records: NameSource[]; comuni: Place[] }>;
  /** How many search rows there are. */
  readonly records: number;
  /** The embedder the stored vectors were made with; null before any was. */
  readonly embedder: string | null;
}

export interface CatalogueReader {
  /**
   * The records asked for that exist (keyed `${kind}:${id}`) with what answering about them needs,
   * in one round trip: the sites they are held at, and their slots ending after `after`.
   */
  withContext(refs: readonly RecordRef[], after: string): Promise<{ records: Map<string, CatalogueRecord>; sites: Map<string, Site>; slots: Slot[] }>;
  /** Slots of these courses, services, initiatives or sites that end after `after` (ISO), soonest first. */
  slotsFor(refIds: readonly string[], after: string): Promise<Slot[]>;
  sitesNear(lat: number, lon: number, limit: number): Promise<{ site: Site; km: number }[]>;
  /** Courses that name this one among those that should come before them (learning paths). */
  coursesAfter(courseId: string): Promise<Course[]>;
  /** Ids and titles of every record and the comuni: what understanding learns the catalogue's words from. */
  vocabulary(): Promise<{ records: NameSource[]; comuni: Place[] }>;
  /**
   * The catalogue's facts as last read: the same object until the catalogue changes (an ingest
   * while the server runs), noticed within a while; what is derived from them is kept with it.
   */
  snapshot(): Promise<CatalogueFacts>;
  /**
   * Every record of these kinds (all but passages when none is given), by kind and id, schools
   * with the name of their comune: the whole catalogue, for checks that go over all of it.
   */
  listRecords(kinds?: readonly SearchKind[]): Promise<CatalogueRecord[]>;
}

export interface ConversationState {
  /** The last search, so "e online?" or "solo gratuiti" refine it. */
  search?: { text: string; filters: SearchFilters; intent?: ReplyIntent; kinds?: SearchKind[] };
  /** What the last answer showed, in order: "il secondo" and numbered replies point into it. */
  shown?: RecordRef[];
  /** The record being talked about ("quando inizia?", "come ci arrivo?"). */
  focus?: RecordRef;
  /** The rest of the last list, for "more". */
  more?: RecordRef[];
  /** The choices last offered, for channels without buttons (the user answers "2"). */
  choices?: { label: string; action: string }[];
  /** An action waiting for the user's explicit yes in the next turn. */
  pending?: { type: 'erase' } | { type: 'handoff'; reason: string } | { type: 'booking'; step: BookingStep; draft: BookingDraft } | { type: 'cancel'; code: string };
  lastIntent?: string;
  /** The town last named in the conversation: "dov'è il centro per l'impiego?" after "a Mantova". */
  place?: string;
  /** What the person said of themselves in this conversation, so a booking does not ask it again. */
  person?: { age?: number; name?: string; contact?: string; className?: string; groupSize?: number };
}

/** What the booking flow is waiting for. */
export type BookingStep = 'slot' | 'name' | 'contact' | 'age' | 'class' | 'group' | 'confirm' | 'waitlist';

/** A booking being put together over several turns; nothing is booked until the user confirms. */
export interface BookingDraft {
  ref: RecordRef;
  slotId?: string;
  slotKind?: string;
  minAge?: number;
  name?: string;
  contact?: string;
  age?: number;
  className?: string;
  groupSize?: number;
  waitlist?: boolean;
  /** The days asked ("a gennaio", "il 12 gennaio"), kept until a date is chosen. */
  on?: { from: string; to: string };
  /** The time asked ("alle 9"), kept until a date is chosen. */
  at?: string;
}

export interface Conversation {
  id: string;
  userId: string;
  channel: string;
  lang: 'it' | 'en';
  state: ConversationState;
  turns: number;
}

export interface StoredTurn {
  seq: number;
  at: string;
  inbound: { text?: string; action?: string; location?: { lat: number; lon: number } };
  reply: Reply;
  intent: string;
}

/** Conversations, their state and turns; everything a user can export and erase. */
export interface SessionStore {
  load(id: string): Promise<Conversation | null>;
  /** A new conversation, stored with its first turn (so an abandoned first message leaves nothing). */
  begin(conversation: Omit<Conversation, 'turns' | 'state'>): Conversation;
  /** The reply already given to this platform message, when a delivery is retried. */
  replyTo(conversationId: string, messageId: string): Promise<Reply | null>;
  /** Stores the state and the turn in one statement; a conversation of another user is never written. */
  saveTurn(conversation: Conversation, turn: Omit<StoredTurn, 'seq' | 'at'> & { messageId?: string }): Promise<void>;
  /** Marks the latest answered turn; false when there is none. */
  setFeedback(conversationId: string, feedback: 'positive' | 'negative'): Promise<boolean>;
  history(conversationId: string): Promise<StoredTurn[]>;
  exportUser(userId: string): Promise<{ conversations: (Conversation & { history: StoredTurn[] })[]; handoffs: unknown[]; addresses: unknown[] }>;
  eraseUser(userId: string): Promise<{ conversations: number; handoffs: number }>;
}

export interface HandoffRequest {
  conversationId: string;
  userId: string;
  channel: string;
  reason: string;
  contact?: string;
  /** The last turns, so staff do not have to ask again. */
  summary: string;
}

/** A handoff a person on the staff has claimed: until they hand back, the user talks to them. */
export interface LiveHandoff {
  id: string;
  claimedBy?: string;
}

/** Hands a conversation to a person on the staff. */
export interface Handoff {
  request(request: HandoffRequest & { lang?: Lang }): Promise<{ id: string }>;
  /** The claimed handoff of this conversation, if a person is talking in it now. */
  live(conversationId: string): Promise<LiveHandoff | null>;
  /** Passes what the user wrote to the person who claimed the handoff. */
  relay(handoffId: string, text: string): Promise<void>;
}

/** Where staff work (Slack): a handoff is posted there and carried on in a thread of its own. */
export interface StaffDesk {
  /** Posts the request with its transcript; returns the desk's reference of the thread. */
  open(handoff: HandoffRequest & { id: string; lang?: Lang }): Promise<string>;
  relay(deskRef: string, text: string): Promise<void>;
}

/** A handoff as staff see it on their desk. */
export interface StaffHandoff {
  id: string;
  conversationId: string | null;
  userId: string | null;
  channel: string;
  status: 'open' | 'taken' | 'closed';
  /** Who took it, as the desk names them ("slack:T…:U…"). */
  claimedBy: string | null;
  /** The desk's reference of its thread, once posted there. */
  deskRef: string | null;
}

/**
 * The handoffs as staff work them from a desk (Slack): take one, hand the person back, look one up.
 * Where the desk itself is (a Slack channel) is the `StaffDesk`; this is the other side, the record
 * of who has whom. A channel gets this port, never the store's queue; the store implements it.
 */
export interface HandoffDesk {
  /** The handoff is theirs from now on; null when it was already taken or closed. */
  claim(deskRef: string, by: string): Promise<StaffHandoff | null>;
  /** Hands the person back to the assistant; null when nothing was open under this ref. */
  close(deskRef: string): Promise<StaffHandoff | null>;
  byDeskRef(deskRef: string): Promise<StaffHandoff | null>;
  /** By the number staff see on the desk ("richiesta n. 42"). */
  byId(id: string): Promise<StaffHandoff | null>;
  /** The handoffs a member of staff has taken and not yet handed back. */
  takenBy(by: string): Promise<StaffHandoff[]>;
}

/** Reaches a person outside a turn (a staff reply, a promotion) on the channel they last used. */
export interface UserMessenger {
  /** False when the person cannot be reached (no address, or a channel without push). */
  send(userId: string, messages: (lang: Lang) => OutboundMessage[]): Promise<boolean>;
}

export type BookingStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface Booking {
  /** Short and unambiguous, read over the phone: "LTO-7K3P". */
  code: string;
  slotId: string;
  userId: string;
  channel: string;
  name: string;
  contact?: string;
  /** People the booking holds: 1, or a class for a lab session (the only slots booked for a group). */
  groupSize: number;
  className?: string;
  status: BookingStatus;
  /** 1 for the first in line, while waitlisted. */
  waitlistPosition?: number;
  createdAt: string;
}

export interface BookingRequest {
  slotId: string;
  userId: string;
  channel: string;
  name: string;
  contact?: string;
  groupSize?: number;
  className?: string;
  /** The person's age, where the course states a minimum one. */
  age?: number;
  /** Join the waitlist when the slot is full instead of being refused. */
  waitlist?: boolean;
  /** The same key (a channel's message id) books once, however often the request is retried. */
  idempotencyKey?: string;
}

export type BookingRefusal =
  | 'SLOT_NOT_FOUND'
  | 'SLOT_PAST'
  | 'COURSE_STARTED'
  | 'DEADLINE_PASSED'
  | 'TOO_YOUNG'
  | 'AGE_REQUIRED'
  | 'GROUP_INVALID'
  | 'GROUP_TOO_LARGE'
  /** A group on a slot booked one person at a time (a course, an appointment, an event). */
  | 'GROUP_NOT_ALLOWED'
  /** A class larger than one booking may take (`detail.limit`). */
  | 'GROUP_OVER_LIMIT'
  /** The person already holds as many bookings of this course, service, initiative or lab site as allowed (`detail.limit`). */
  | 'LIMIT_REACHED'
  | 'FULL'
  | 'ALREADY_BOOKED';

export type BookResult =
  | { ok: true; booking: Booking; slot: Slot; replayed: boolean }
  | { ok: false; reason: BookingRefusal; slot?: Slot; detail?: { minAge?: number; capacity?: number; free?: number; deadline?: string; sessionsNeeded?: number; existing?: string; limit?: number } };

export type CancelRefusal = 'NOT_FOUND' | 'NOT_YOURS' | 'ALREADY_CANCELLED';
export type CancelResult = { ok: true; booking: Booking; slot: Slot; promoted: Booking[] } | { ok: false; reason: CancelRefusal };

export interface SlotAvailability extends Slot {
  free: number;
  waitlist: number;
}

/** Takes and gives back seats; the store makes overbooking impossible whatever the caller does. */
export interface BookingService {
  book(request: BookingRequest): Promise<BookResult>;
  /** By the person who booked (`byUserId`), or by staff (no user). Frees the seats and promotes the waitlist. */
  cancel(code: string, byUserId?: string): Promise<CancelResult>;
  get(code: string): Promise<(Booking & { slot: Slot }) | null>;
  listForUser(userId: string): Promise<(Booking & { slot: Slot })[]>;
  listForSlot(slotId: string): Promise<Booking[]>;
  slots(filter: { ref?: string; site?: string; after?: string }): Promise<SlotAvailability[]>;
  /** Privacy erasure: the person's details go, the seats and counts stay. Returns the bookings touched. */
  eraseUser(userId: string): Promise<number>;
}

export type BookingEvent = { type: 'booked' | 'cancelled' | 'promoted' | 'waitlisted'; booking: Booking; slot: Slot };

/** Tells staff (and, for a promotion, the person on their channel) what happened to a booking. */
export interface Notifier {
  notify(event: BookingEvent): Promise<void>;
}
