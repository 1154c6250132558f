import type { BotCommand } from 'telegraf/types';
import { encodeAction } from '../../domain/action.js';
import type { Lang } from '../../domain/message.js';
import type { SearchKind } from '../../domain/ports.js';
import { telegramTexts } from './texts.js';

/** The commands menu, in the order Telegram shows it. */
export const COMMANDS = ['start', 'help', 'corsi', 'prenota', 'prenotazioni', 'annulla', 'privacy', 'lingua', 'operatore'] as const;
type Command = (typeof COMMANDS)[number];

/** English speakers type English words; they are accepted without cluttering the menu. */
const ALIASES: Record<string, Command> = { aiuto: 'help', courses: 'corsi', book: 'prenota', bookings: 'prenotazioni', cancel: 'annulla', language: 'lingua', operator: 'operatore', human: 'operatore' };

export const commandMenu = (lang: Lang): BotCommand[] => COMMANDS.map((command) => ({ command, description: telegramTexts(lang).commands[command] }));

/** What a command asks the engine: words it understands, or a button's action. */
export type CommandTurn = { text: string } | { action: string };

const RECORD_KINDS: readonly SearchKind[] = ['course', 'site', 'service', 'initiative', 'school'];
const BOOKING_CODE = /^(?:LTO-)?([A-Z0-9]{4})$/i;

/**
 * `/prenotazioni`, `/annulla LTO-7K3P`, `/start C001`… as the engine's own words and actions. Words are
 * in the person's language so the engine reads them as they would type them; they are two words at
 * most, which never switch the conversation's language.
 */
export function commandTurn(name: string, args: string, lang: Lang): CommandTurn {
  const en = lang === 'en';
  const command = (COMMANDS as readonly string[]).includes(name) ? (name as Command) : ALIASES[name];
  switch (command) {
    case 'start':
      return args ? deepLink(args) : { action: encodeAction({ type: 'help' }) };
    case 'help':
      return { action: encodeAction({ type: 'help' }) };
    case 'corsi':
      return args ? { text: `${en ? 'courses' : 'corsi'} ${args}` } : { action: encodeAction({ type: 'menu', menu: 'courses' }) };
    case 'prenota':
      return { text: args ? `${en ? 'book' : 'prenota'} ${args}` : en ? 'book' : 'prenota' };
    case 'prenotazioni':
      return { text: en ? 'my bookings' : 'prenotazioni' };
    case 'annulla': {
      const code = args.match(BOOKING_CODE);
      if (code) return { action: encodeAction({ type: 'cancel', code: `LTO-${code[1]!.toUpperCase()}` }) };
      return { text: args ? `${en ? 'cancel' : 'annulla'} ${args}` : en ? 'cancel booking' : 'annulla prenotazione' };
    }
    case 'privacy':
      return { action: encodeAction({ type: 'privacy' }) };
    case 'lingua': {
      const wanted = args.toLowerCase();
      if (/^(it|ita|italiano|italian)$/.test(wanted)) return { action: encodeAction({ type: 'lang', lang: 'it' }) };
      if (/^(en|eng|english|inglese)$/.test(wanted)) return { action: encodeAction({ type: 'lang', lang: 'en' }) };
      return { action: encodeAction({ type: 'lang' }) };
    }
    case 'operatore':
      return { action: encodeAction({ type: 'handoff' }) };
    default:
      // An unknown command is read as the words it is made of.
      return { text: [name, args].filter(Boolean).join(' ') };
  }
}

/**
 * A link `t.me/<bot>?start=C001` opens that record: `course-C001` names the kind, a bare code is
 * recognised by the engine as the code of its record, and `corsi_robotica` reads as words.
 */
function deepLink(payload: string): CommandTurn {
  const typed = payload.match(/^([a-z]+)[-_]([A-Za-z0-9]+)$/);
  const kind = RECORD_KINDS.find((k) => k === typed?.[1]);
  if (typed && kind) return { action: encodeAction({ type: 'details', ref: { kind, id: typed[2]!.toUpperCase() } }) };
  return { text: payload.replace(/[_-]+/g, ' ').trim() };
}
