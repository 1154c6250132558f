import { LANGUAGE_NAMES, t } from '../answer/texts.js';
import { encodeAction } from '../../domain/action.js';
import type { ReplyIntent } from '../../domain/intent.js';
import type { Lang } from '../../domain/message.js';
import { choices, text, type Answer, type Turn } from './turn.js';

/** Small talk and the assistant's own housekeeping: greet, help, thanks, language, feedback, refusals. */

export function mainMenu(lang: Lang) {
  const T = t(lang);
  return [
    { label: T.menu.courses, action: encodeAction({ type: 'menu', menu: 'courses' }) },
    { label: T.menu.sites, action: encodeAction({ type: 'menu', menu: 'sites' }) },
    { label: T.menu.services, action: encodeAction({ type: 'menu', menu: 'services' }) },
    { label: T.menu.initiatives, action: encodeAction({ type: 'menu', menu: 'initiatives' }) },
    { label: T.menu.person, action: encodeAction({ type: 'handoff' }) },
  ];
}

export function greet(turn: Turn, intent: 'greet' | 'help'): Answer {
  const T = t(turn.lang);
  const menu = mainMenu(turn.lang);
  const lines = intent === 'greet' ? [T.greet, T.help] : [T.help];
  return { intent, messages: [text(lines.join('\n')), choices(T.whatNext, menu)], citations: [], state: { choices: menu } };
}

export function thanks(turn: Turn): Answer {
  const T = t(turn.lang);
  const bye = /\b(ciao|arrivederci|a presto|buona (giornata|serata)|bye|goodbye|see you)\b/i.test(turn.text);
  return { intent: 'thanks_bye', messages: [text(bye && !/grazie|thank/i.test(turn.text) ? T.bye : T.thanks)], citations: [] };
}

export function outOfScope(turn: Turn): Answer {
  const T = t(turn.lang);
  const menu = mainMenu(turn.lang);
  return { intent: 'out_of_scope', messages: [text(T.outOfScope), choices(T.whatNext, menu)], citations: [], state: { choices: menu } };
}

export function notUnderstood(turn: Turn, intent: ReplyIntent = 'unknown'): Answer {
  const T = t(turn.lang);
  const menu = mainMenu(turn.lang);
  return { intent, messages: [text(T.notUnderstood), choices(T.whatNext, menu)], citations: [], state: { choices: menu } };
}

export function unknownAction(turn: Turn): Answer {
  const T = t(turn.lang);
  const menu = mainMenu(turn.lang);
  return { intent: 'unknown_action', messages: [choices(T.unknownAction, menu)], citations: [], state: { choices: menu } };
}

export function languageSet(lang: Lang): Answer {
  return { intent: 'switch_language', messages: [text(t(lang).languageSet)], citations: [] };
}

/** The languages as choices; the one picked comes back as a `lang` action and stays with the conversation. */
export function chooseLanguage(turn: Turn): Answer {
  const offered = (['it', 'en'] as const).map((lang) => ({ label: LANGUAGE_NAMES[lang], action: encodeAction({ type: 'lang', lang }) }));
  return { intent: 'switch_language', messages: [choices(t(turn.lang).chooseLanguage, offered)], citations: [], state: { choices: offered } };
}

export async function feedback(turn: Turn): Promise<Answer> {
  const T = t(turn.lang);
  const polarity = turn.understanding.entities.feedback ?? (/(non|not|inutile|useless|sbagliat|wrong|👎)/i.test(turn.text) ? 'negative' : 'positive');
  await turn.deps.sessions.setFeedback(turn.conversation.id, polarity);
  if (polarity === 'positive') return { intent: 'feedback', messages: [text(T.feedbackThanks)], citations: [] };
  const next = [{ label: T.actions.person, action: encodeAction({ type: 'handoff' }) }, { label: T.actions.help, action: encodeAction({ type: 'help' }) }];
  return { intent: 'feedback', messages: [choices(T.feedbackSorry, next)], citations: [], state: { choices: next } };
}
