import { createHash } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { decodeAction, encodeAction, MAX_ACTION, type BookingForm } from '../../domain/action.js';
import type { Capabilities, InboundMessage, Lang } from '../../domain/message.js';
import { cut } from '../../text/storable.js';

/** Teams shows Adaptive Cards with buttons and takes files; text goes out plain (see render.ts). */
export const TEAMS_CAPABILITIES: Capabilities = { buttons: true, cards: true, files: true, markdown: false };

const MAX_FIELD = 80;

export interface TeamsTurn {
  inbound: InboundMessage;
  /** Teams' activity ids are unique within a conversation only. */
  deliveryId: string;
  /** How to write to the person later (a staff reply, a promotion). */
  address: Partial<ConversationReference>;
}

/**
 * A message activity as the engine's InboundMessage, or the bot just installed in a personal chat as
 * a request for help (the menu); null for anything else (reactions, typing, members of a team).
 */
export function teamsTurn(activity: Activity): TeamsTurn | null {
  const person = activity.from?.aadObjectId || activity.from?.id;
  if (!person || !activity.conversation?.id) return null;
  const installed = activity.type === 'conversationUpdate' && activity.conversation.conversationType === 'personal' && !!activity.membersAdded?.some((m) => m.id === activity.recipient?.id);
  if (activity.type !== 'message' && !installed) return null;
  const userId = `teams:${person}`;
  // A group chat or channel is shared, but an engine conversation belongs to one person.
  const key = createHash('sha256').update(`${activity.conversation.id}\n${person}`).digest('base64url').slice(0, 32);
  const action = installed ? encodeAction({ type: 'help' }) : submittedAction(activity.value);
  const text = installed || action ? undefined : spoken(activity);
  const locale = localeOf(activity.locale);
  const { activityId: _old, ...reference } = TurnContext.getConversationReference(activity);
  return {
    inbound: {
      userId,
      conversationId: `teams:${key}`,
      channel: 'teams',
      capabilities: TEAMS_CAPABILITIES,
      ...(locale ? { locale } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(action ? { action } : {}),
      ...(activity.id ? { messageId: activity.id } : {}),
    },
    deliveryId: `activity:${key}:${activity.id ?? ''}`,
    // Without the last message's id: a message out of the blue starts its own thread, not a reply to an old one.
    address: reference,
  };
}

/** The text without the "@Orienta" mention Teams puts in front of it in channels and group chats. */
function spoken(activity: Activity): string {
  const text = typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) ?? '' : '';
  return text.replace(/<\/?at>/g, '').trim();
}

const localeOf = (locale: string | undefined): Lang | undefined => (/^en\b/i.test(locale ?? '') ? 'en' : /^it\b/i.test(locale ?? '') ? 'it' : undefined);

/**
 * The action of an Adaptive Card button (`data.orienta`), or of the lab-session form with its
 * answers on it, the way the engine takes a booking form: "book:site:S02?slot=SL066&class=4B&…".
 */
function submittedAction(value: unknown): string | undefined {
  const data = typeof value === 'string' ? parse(value) : value;
  if (!data || typeof data !== 'object') return undefined;
  const v = data as Record<string, unknown>;
  if (typeof v.orienta !== 'string' || !v.orienta || v.orienta.includes('?')) return undefined;
  const asked = v.form === 'lab' ? decodeAction(v.orienta) : null;
  if (asked?.type !== 'book') return cut(v.orienta, MAX_ACTION);
  const form: BookingForm = {};
  for (const field of ['slot', 'class', 'group', 'name'] as const) {
    const given = v[field];
    if (typeof given === 'string' || typeof given === 'number') form[field] = cut(String(given).trim(), MAX_FIELD);
  }
  return cut(encodeAction({ ...asked, form }), MAX_ACTION);
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
