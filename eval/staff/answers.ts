import { t } from '../../bot/answer/texts.js';
import type { Citation, OutboundMessage, Reply } from '../../domain/message.js';
import { PLACEHOLDER, redact } from '../../text/redact.js';

/** What staff review needs to recognise in a stored reply, in either language the assistant speaks. */
const BOTH = [t('it'), t('en')];

/** Everything a person read in a reply, a line each: texts, choices as [buttons], cards, file names. */
export function replyLines(messages: readonly OutboundMessage[]): string[] {
  const lines: string[] = [];
  for (const m of messages) {
    if (m.type === 'text') lines.push(...m.text.split('\n'));
    else if (m.type === 'choices') lines.push(...m.text.split('\n'), m.choices.map((c) => `[${c.label}]`).join(' '));
    else if (m.type === 'card') lines.push([m.title, m.subtitle].filter(Boolean).join(' — '), ...m.facts.map((f) => `${f.label}: ${f.value}`), ...(m.text ? m.text.split('\n') : []));
    else lines.push(`[${m.name}]`);
  }
  return lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

/** A booking summary names the person and their contact: those lines lose their value whatever it looks like. */
const PERSONAL_LABELS = BOTH.flatMap((T) => [
  { label: `${T.booking.who}: `, placeholder: PLACEHOLDER.name },
  { label: `${T.booking.contact}: `, placeholder: PLACEHOLDER.contact },
]);

/** The reply as lines with personal data replaced. */
export function redactedReply(reply: Reply, keep: ReadonlySet<string>): string[] {
  return replyLines(reply.messages).map((line) => {
    const personal = PERSONAL_LABELS.find((p) => line.startsWith(p.label));
    return personal ? `${personal.label}${personal.placeholder}` : redact(line, { keep });
  });
}

const texts = (reply: Reply) => reply.messages.flatMap((m) => (m.type === 'text' || m.type === 'choices' ? [m.text] : []));

/**
 * What the assistant had just asked for: the next message is then a name, a contact or another
 * detail of a booking (an age, a class, a head count), not a question.
 */
export function askedFor(reply: Reply | undefined): 'name' | 'contact' | 'detail' | undefined {
  if (!reply) return undefined;
  const said = texts(reply);
  const asks = (list: Matcher[]) => said.some((s) => list.some((m) => m(s)));
  if (asks(BOTH.flatMap((T) => [T.booking.askName, T.booking.badName].map(literal)))) return 'name';
  if (asks(BOTH.flatMap((T) => [T.booking.askContact, T.booking.badContact, T.handoffContact, T.companyContact].map(literal)))) return 'contact';
  if (asks(BOTH.flatMap((T) => [template(T.booking.askAge), literal(T.booking.askClass), template(T.booking.askGroup), literal(T.booking.badAge), literal(T.booking.badGroup)]))) return 'detail';
  return undefined;
}

type Matcher = (said: string) => boolean;
const literal = (sentence: string): Matcher => (said) => said.includes(sentence);
/** A sentence with a number in it ("aperto da 14 anni in su"): every fixed part must be there. */
function template(fn: (n: number) => string): Matcher {
  const parts = fn(987_654).split('987654').filter(Boolean);
  return (said) => parts.every((p) => said.includes(p));
}

/**
 * The records a reply says are full: a booking summary offering the waitlist, seats that ran out
 * while booking, or a course shown as full (the line or card that says so names it).
 */
export function fullRecords(reply: Reply): Citation[] {
  const offersWaitlist = reply.messages.some(
    (m) => (m.type === 'choices' && BOTH.some((T) => m.text === T.booking.confirmWaitlist)) || (m.type === 'text' && BOTH.some((T) => m.text === T.booking.refused.FULL)),
  );
  const records = reply.citations.filter((c) => c.kind !== 'site' || reply.citations.every((o) => o.kind === 'site'));
  if (offersWaitlist) return records.slice(0, 1);
  const full: Citation[] = [];
  const says = (s: string | undefined) => !!s && BOTH.some((T) => s.includes(T.full));
  for (const m of reply.messages) {
    if (m.type === 'card' && m.source && says(m.text)) {
      const c = reply.citations.find((x) => x.kind === m.source!.kind && x.id === m.source!.id);
      if (c) full.push(c);
    } else if (m.type === 'text') {
      for (const paragraph of m.text.split(/\n+/).filter(says)) {
        const named = records.filter((c) => paragraph.includes(`(${c.id})`));
        full.push(...(named.length ? named : records.length === 1 ? records : []));
      }
    }
  }
  return [...new Map(full.map((c) => [`${c.kind}:${c.id}`, c])).values()];
}

/** "Nothing with these filters; without them…", "Nothing in Sabbioneta; nearby…": found only elsewhere or otherwise than asked. */
export function onlyElsewhere(reply: Reply): boolean {
  const matchers = BOTH.flatMap((T) => [placeTemplate(T.nothingWithFilters), literal(T.nothingWithFilters('')), placeTemplate(T.widened)]);
  return texts(reply).some((s) => matchers.some((m) => m(s)));
}

function placeTemplate(fn: (place: string) => string): Matcher {
  const parts = fn('\u0000').split('\u0000').filter(Boolean);
  return (said) => parts.every((p) => said.includes(p));
}
