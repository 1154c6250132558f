import { siteContacts, slotLines } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { RecordRef } from '../ports.js';
import { answerSearch, loadRecords } from './search.js';
import { choices, text, type Answer, type Turn } from './turn.js';

/**
 * What can be booked for a record: its next slots with the seats left and whom to contact. Taking
 * the seat in chat is the booking flow's job; until it runs, nothing here claims a booking.
 */
export async function bookingInfo(turn: Turn, ref?: RecordRef): Promise<Answer> {
  const T = t(turn.lang);
  const code = turn.understanding.entities.codes.find((c) => c.kind !== 'slot');
  const target = ref ?? (code ? { kind: code.kind as RecordRef['kind'], id: code.id } : undefined) ?? turn.conversation.state.focus;
  if (!target) {
    if (turn.text && turn.understanding.entities.codes.length === 0) {
      const found = await answerSearch(turn, { intent: 'book' });
      if (found.citations.length > 0) return found;
    }
    return { intent: 'book', messages: [text(T.bookWhat)], citations: [] };
  }
  const { records, ctx } = await loadRecords(turn, [target]);
  const record = records[0];
  if (!record) return { intent: 'book', messages: [text(T.bookWhat)], citations: [] };
  const slotsRef = record.kind === 'site' ? record.record.id : record.record.id;
  const slots = record.kind === 'site' ? await turn.deps.catalogue.slotsFor([slotsRef], turn.now.toISOString()) : (ctx.slots.get(slotsRef) ?? []);
  const upcoming = slots.filter((s) => s.start > turn.now.toISOString()).slice(0, 5);
  const siteId = record.kind === 'course' ? record.record.site : record.kind === 'site' ? record.record.id : record.kind === 'service' ? record.record.sites[0] : record.kind === 'initiative' ? record.record.site : undefined;
  const site = siteId ? ctx.sites.get(siteId) : undefined;
  const contact = siteContacts(site);
  const title = 'title' in record.record ? record.record.title : record.record.name;
  const lines = [`${title} (${record.record.id})`, upcoming.length ? `${T.bookIntro}\n${slotLines(upcoming, turn.lang, ctx.sites).join('\n')}` : T.noSlots, contact ? T.bookHow(contact) : ''];
  const next = [{ label: T.actions.person, action: 'handoff' }];
  return {
    intent: 'book',
    messages: [text(lines.filter(Boolean).join('\n')), choices(T.offerPerson, next)],
    citations: [{ kind: record.kind, id: record.record.id, title }, ...(site && site.id !== record.record.id ? [{ kind: 'site', id: site.id, title: site.name }] : [])],
    state: { focus: target, choices: next },
  };
}

export function bookingsByStaff(turn: Turn, intent: 'my_bookings' | 'cancel'): Answer {
  const T = t(turn.lang);
  const next = [{ label: T.actions.person, action: 'handoff' }];
  return { intent, messages: [choices(T.bookingsByStaff, next)], citations: [], state: { choices: next } };
}
