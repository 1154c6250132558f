import type { Reply } from '../domain/message.js';

/** What the checks read of a reply; the conversation id is not part of what the person sees. */
export type Shown = Pick<Reply, 'intent' | 'messages' | 'citations'>;
import { fold } from '../text/normalize.js';

/**
 * Everything the person would read: texts, choices, cards (title, facts, text, buttons), file names;
 * with `links`, also where a card's link buttons go (what the text checks read: a "Sito" button
 * gives the address). Grounding reads without them: a channel may write a record's "www.x.it" as
 * the link "https://www.x.it", and that is no invented fact.
 */
export function readableText(reply: Shown, options: { links?: boolean } = {}): string {
  return reply.messages
    .map((m) => {
      switch (m.type) {
        case 'text':
          return m.text;
        case 'choices':
          return [m.text, ...m.choices.map((c) => c.label)].join('\n');
        case 'card':
          return [m.title, m.subtitle, ...m.facts.map((f) => `${f.label}: ${f.value}`), m.text, ...m.actions.map((a) => (a.url && options.links ? `${a.label} ${a.url}` : a.label))].filter(Boolean).join('\n');
        case 'file':
          return m.name;
      }
    })
    .join('\n');
}

/**
 * What `press: n` counts: the choices of the reply in order, as a channel without buttons numbers
 * them; a reply with no choices numbers its cards' buttons instead.
 */
export function buttonsOf(reply: Shown): { label: string; action: string }[] {
  const choices = reply.messages.flatMap((m) => (m.type === 'choices' ? m.choices : []));
  if (choices.length > 0) return choices;
  return reply.messages.flatMap((m) => (m.type === 'card' ? m.actions.filter((a): a is { label: string; action: string } => !!a.action) : []));
}

/**
 * Case, accents, punctuation and spacing ignored ("Perché?" contains "perche"); the phrase starts
 * at a word and its last word may begin a longer one ("iscriz" finds "iscrizioni", "no" not "uno").
 * A number is read whole: "20" does not find "2027", nor "120" find "1200,00" ("120,00" it does).
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const needle = fold(phrase);
  if (needle.length === 0) return false;
  const haystack = ` ${fold(text)}`;
  const wanted = ` ${needle}`;
  if (!/\d$/.test(needle)) return haystack.includes(wanted);
  for (let at = haystack.indexOf(wanted); at >= 0; at = haystack.indexOf(wanted, at + 1)) {
    const next = haystack.charCodeAt(at + wanted.length);
    if (!(next >= 48 && next <= 57)) return true;
  }
  return false;
}

// Folded (lower case, no accents, punctuation as spaces). The engine's own refusals and the usual
// ways a model says it has nothing.
const NOTHING = new RegExp(
  [
    'non (lo )?so\\b', 'non ho trovato', 'non trovo', 'non posso aiutarti', 'non ho informazioni', 'non sono sicuro di aver capito', 'nessun risultato',
    'non (e|rientra) (tra|nel)', 'non me ne occupo', 'mi occupo solo',
    'i don t know', 'i do not know', 'i found nothing', 'i couldn t find', 'i could not find', 'i can t help', 'i cannot help', 'i have no information',
    'i m not sure i understood', 'nothing (found|that matches)', 'i only deal with',
  ].join('|'),
);

/** It says it has nothing good to give: a refusal or "nothing found", and no record cited. */
export function saysNothing(reply: Shown): boolean {
  return reply.citations.length === 0 && NOTHING.test(fold(readableText(reply)));
}

const PERSON = /\b(parla(re)? con una persona|un operatore|una persona della rete|talk to a person|an operator|a person from the network|someone from the network)\b/;

/** A person is offered: a handoff button, a handoff already asked for, or the words for it. */
export function offersPerson(reply: Shown): boolean {
  const buttons = reply.messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.action) : m.type === 'card' ? m.actions.map((a) => a.action ?? '') : []));
  return buttons.includes('handoff') || reply.intent === 'handoff' || PERSON.test(fold(readableText(reply)));
}

/** A refusal of a question outside its scope: the out-of-scope answer, or saying it has nothing. */
export function refuses(reply: Shown): boolean {
  return reply.intent === 'out_of_scope' || saysNothing(reply);
}
