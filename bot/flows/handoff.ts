import { t } from '../answer/texts.js';
import { encodeAction } from '../../domain/action.js';
import { answerHow } from './facts.js';
import { answerSearch, isStrong } from './search.js';
import { choices, text, type Answer, type Turn } from './turn.js';
import { cut } from '../../text/storable.js';

/** The last turns, short, so the person taking over does not have to ask again. */
async function summary(turn: Turn): Promise<string> {
  const history = await turn.deps.sessions.history(turn.conversation.id);
  const lines = history.slice(-5).map((h) => `> ${cut(h.inbound.text ?? h.inbound.action ?? '', 200)}  [${h.intent}]`);
  if (turn.text) lines.push(`> ${cut(turn.text, 200)}`);
  return lines.join('\n');
}

function contactOf(turn: Turn): string | undefined {
  const e = turn.understanding.entities;
  return [e.email, e.phone].filter(Boolean).join(' ') || undefined;
}

export async function handoff(turn: Turn, reason = 'user asked for a person'): Promise<Answer> {
  const T = t(turn.lang);
  const contact = contactOf(turn);
  await turn.deps.handoff.request({
    conversationId: turn.conversation.id,
    userId: turn.inbound.userId,
    channel: turn.inbound.channel,
    reason,
    lang: turn.lang,
    ...(contact ? { contact } : {}),
    summary: await summary(turn),
  });
  return { intent: 'handoff', messages: [text(contact ? T.handoffDone : `${T.handoffDone} ${T.handoffContact}`)], citations: [], state: { pending: contact ? undefined : { type: 'handoff', reason: 'contact' } } };
}

/** Words that ask for a person, as opposed to what the person wants to talk about. */
const PERSON_WORDS = /^(operator\w*|operatric\w*|persona|persone|umano|umana|qualcuno|staff|human|person|someone|somebody|agent|representative|parlare|parlarne|talk|speak|chiamatemi|chiamami|contattatemi|richiamarmi)$/;

/**
 * "Vorrei parlare con un orientatore", "I'd like to talk to a career counsellor": when what they
 * want to talk about is a service of the catalogue, that service (with a person one tap away);
 * a person otherwise.
 */
export async function personOrService(turn: Turn): Promise<Answer> {
  const about = turn.understanding.topic.filter((w) => !PERSON_WORDS.test(w.split(' ')[0]!));
  if (about.length > 0 && !contactOf(turn)) {
    const found = await answerSearch(turn, { intent: 'services', text: about.join(' '), kinds: ['service'], refine: false, attributes: [] });
    if (found.citations.some((c) => c.kind === 'service')) return found;
  }
  return handoff(turn);
}

const COMPANY_WORDS = /^(aziend\w*|impres\w*|ditt\w*|compan\w*|business\w*|firm|officin\w*|negozi\w*|mia|nostra|nostro|our|my|we|siamo)$/;

/** Passages, services and initiatives first (what a company does in the network); courses when none answers. */
async function companyAnswer(turn: Turn): Promise<Answer> {
  // A company's question is judged like any search, not leniently like a question of procedure:
  // what the catalogue does not hold (apprenticeship contracts, tax breaks) is said as such.
  return answerHow(turn, 'company', ['doc', 'service', 'initiative', 'course'], true, isStrong);
}

/** A company asking how to sponsor calls or host trainees: the catalogue's answer, and its contact handed to staff. */
export async function company(turn: Turn): Promise<Answer> {
  const T = t(turn.lang);
  const contact = contactOf(turn);
  if (contact) {
    await turn.deps.handoff.request({
      conversationId: turn.conversation.id,
      userId: turn.inbound.userId,
      channel: turn.inbound.channel,
      reason: 'company',
      lang: turn.lang,
      contact,
      summary: await summary(turn),
    });
    return { intent: 'company', messages: [text(T.companyHandedOff)], citations: [], state: { pending: undefined } };
  }
  // What the company asks, in its own words: answered when the catalogue answers it, said plainly
  // when it does not. Only "sono un'azienda, cosa potete fare?" gets what companies do in the network.
  const about = turn.understanding.topic.filter((w) => !COMPANY_WORDS.test(w.split(' ')[0]!));
  const asks = about.length > 0 || turn.understanding.how || turn.understanding.question;
  const found = asks
    ? await companyAnswer(turn)
    : await answerSearch(turn, { intent: 'company', text: 'impresa madrina aziende tirocini', refine: false, attributes: [] });
  const messages = found.citations.length ? [...(!asks ? [text(T.company)] : []), ...found.messages.filter((m) => m.type !== 'choices')] : found.messages.filter((m) => m.type !== 'choices');
  const next = [{ label: T.actions.person, action: encodeAction({ type: 'handoff' }) }];
  return {
    intent: 'company',
    messages: [...messages, choices(T.companyContact, next)],
    citations: found.citations,
    state: { ...found.state, pending: { type: 'handoff', reason: 'company' }, choices: next },
  };
}
