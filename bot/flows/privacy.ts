import { fold } from '../../text/normalize.js';
import { t } from '../answer/texts.js';
import { choices, text, type Answer, type Turn } from './turn.js';

const ERASE = /\b(cancell\w*|elimin\w*|rimuov\w*|dimentica\w*|erase|delete|remove|forget)\b/;
const EXPORT = /\b(esport\w*|scaric\w*|copia|export|download|copy)\b/;

/** What is kept, and the user's export and erasure; erasing waits for an explicit yes. */
export async function privacy(turn: Turn, action?: 'export' | 'erase'): Promise<Answer> {
  const T = t(turn.lang);
  const folded = fold(turn.text);
  const wants = action ?? (ERASE.test(folded) ? 'erase' : EXPORT.test(folded) ? 'export' : undefined);
  if (wants === 'erase') {
    const confirm = [{ label: T.yes, action: 'confirm' }, { label: T.no, action: 'deny' }];
    return { intent: 'privacy', messages: [choices(T.eraseConfirm, confirm)], citations: [], state: { pending: { type: 'erase' }, choices: confirm } };
  }
  if (wants === 'export') {
    const [data, bookings] = await Promise.all([turn.deps.sessions.exportUser(turn.inbound.userId), turn.deps.bookings.listForUser(turn.inbound.userId)]);
    if (!turn.caps.files) return { intent: 'privacy', messages: [text(T.exportedText(data.conversations.length))], citations: [] };
    return {
      intent: 'privacy',
      messages: [
        text(T.exported),
        { type: 'file', name: 'orienta-dati.json', mediaType: 'application/json', encoding: 'utf8', content: JSON.stringify({ userId: turn.inbound.userId, ...data, bookings }, null, 2) },
      ],
      citations: [],
    };
  }
  const next = [{ label: T.privacyExport, action: 'privacy:export' }, { label: T.privacyErase, action: 'privacy:erase' }];
  return { intent: 'privacy', messages: [choices(T.privacyInfo, next)], citations: [], state: { choices: next } };
}

/** The erasure itself, after the user's yes in a separate turn. */
export async function erase(turn: Turn): Promise<Answer> {
  await turn.deps.bookings.eraseUser(turn.inbound.userId);
  const done = await turn.deps.sessions.eraseUser(turn.inbound.userId);
  return { intent: 'privacy', messages: [text(t(turn.lang).erased(done.conversations))], citations: [], forget: true };
}
