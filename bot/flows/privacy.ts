import { fold } from '../../text/normalize.js';
import { encodeAction } from '../../domain/action.js';
import { t } from '../answer/texts.js';
import type { BookingService, SessionStore } from '../../domain/ports.js';
import { choices, text, type Answer, type Turn } from './turn.js';

const ERASE = /\b(cancell\w*|elimin\w*|rimuov\w*|dimentica\w*|erase|delete|remove|forget)\b/;
const EXPORT = /\b(esport\w*|scaric\w*|copia|export|download|copy)\b/;

type PersonalData = { sessions: SessionStore; bookings: BookingService };

/** Everything held about a person, the same for the chat's download and `orienta privacy export`. */
export async function collectUserData(deps: PersonalData, userId: string) {
  const [data, bookings] = await Promise.all([deps.sessions.exportUser(userId), deps.bookings.listForUser(userId)]);
  return { userId, ...data, bookings };
}

/**
 * Erases a person everywhere, the same for the chat and `orienta privacy erase`: their bookings
 * keep only their seats (anonymised, so slot counts stay right), then conversations, turns,
 * handoffs and channel addresses go.
 */
export async function eraseUserData(deps: PersonalData, userId: string): Promise<{ conversations: number; handoffs: number; bookings: number }> {
  const bookings = await deps.bookings.eraseUser(userId);
  const done = await deps.sessions.eraseUser(userId);
  return { ...done, bookings };
}

/** What is kept, and the user's export and erasure; erasing waits for an explicit yes. */
export async function privacy(turn: Turn, action?: 'export' | 'erase'): Promise<Answer> {
  const T = t(turn.lang);
  const folded = fold(turn.text);
  const wants = action ?? (ERASE.test(folded) ? 'erase' : EXPORT.test(folded) ? 'export' : undefined);
  if (wants === 'erase') {
    const confirm = [{ label: T.yes, action: encodeAction({ type: 'confirm' }) }, { label: T.no, action: encodeAction({ type: 'deny' }) }];
    return { intent: 'privacy', messages: [choices(T.eraseConfirm, confirm)], citations: [], state: { pending: { type: 'erase' }, choices: confirm } };
  }
  if (wants === 'export') {
    const data = await collectUserData(turn.deps, turn.inbound.userId);
    if (!turn.caps.files) return { intent: 'privacy', messages: [text(T.exportedText(data.conversations.length))], citations: [] };
    return {
      intent: 'privacy',
      messages: [
        text(T.exported),
        { type: 'file', name: 'orienta-dati.json', mediaType: 'application/json', encoding: 'utf8', content: JSON.stringify(data, null, 2) },
      ],
      citations: [],
    };
  }
  const next = [{ label: T.privacyExport, action: encodeAction({ type: 'privacy', what: 'export' }) }, { label: T.privacyErase, action: encodeAction({ type: 'privacy', what: 'erase' }) }];
  return { intent: 'privacy', messages: [choices(T.privacyInfo, next)], citations: [], state: { choices: next } };
}

/** The erasure itself, after the user's yes in a separate turn. */
export async function erase(turn: Turn): Promise<Answer> {
  const done = await eraseUserData(turn.deps, turn.inbound.userId);
  return { intent: 'privacy', messages: [text(t(turn.lang).erased(done.conversations))], citations: [], forget: true };
}
