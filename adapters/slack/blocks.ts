import type { types } from '@slack/bolt';
import type { Citation, OutboundMessage } from '../../domain/message.js';
import { shortLabel } from '../../bot/answer/format.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { cut as cutText } from '../../text/storable.js';

type Block = types.KnownBlock;
type Button = types.Button;
type FileMessage = Extract<OutboundMessage, { type: 'file' }>;

/** One chat.postMessage: the blocks, and the plain text Slack shows in notifications and to screen readers. */
export interface SlackPost {
  text: string;
  blocks: Block[];
}

/** A reply in the order it is sent: messages, with files uploaded between them. */
export type SlackItem = { type: 'post'; post: SlackPost } | { type: 'file'; file: FileMessage };

// Block Kit's limits (https://docs.slack.dev/reference/block-kit/blocks): beyond them Slack refuses the whole message.
const MAX_BLOCKS = 50;
const SECTION_TEXT = 3000;
const FIELDS = 10;
const FIELD_TEXT = 2000;
const BUTTONS_PER_BLOCK = 25;
const BUTTON_TEXT = 75;
const CONTEXT_TEXT = 2000;
const FALLBACK_TEXT = 3000;

/** Buttons that carry an engine action ("details:course:C001"); the listener reads it back from `value`. */
export const ACTION_PREFIX = 'orienta:';
/** Link buttons open a page; Slack still reports the press, which is only acknowledged. */
export const LINK_PREFIX = 'link:';

export function renderForSlack(messages: OutboundMessage[], citations: Citation[] = []): SlackItem[] {
  const items: SlackItem[] = [];
  let blocks: Block[] = [];
  let fallback: string[] = [];
  const flush = () => {
    // The fallback is mrkdwn too (notifications, screen readers): escaped like the blocks, or a <!here> in a catalogue text would ping a channel.
    if (blocks.length) items.push({ type: 'post', post: { text: cut(escapeMrkdwn(fallback.join('\n')), FALLBACK_TEXT), blocks } });
    blocks = [];
    fallback = [];
  };
  const add = (more: Block[], summary: string) => {
    if (blocks.length + more.length > MAX_BLOCKS) flush();
    blocks.push(...more.slice(0, MAX_BLOCKS));
    if (summary) fallback.push(summary);
  };

  let previous: OutboundMessage['type'] | undefined;
  for (const m of messages) {
    switch (m.type) {
      case 'text':
        add(sections(m.text), m.text);
        break;
      case 'choices':
        add([...sections(m.text), ...actionBlocks(m.choices.map((c) => actionButton(c.label, c.action)))], m.text);
        break;
      case 'card':
        add([...(previous === 'card' ? [{ type: 'divider' } as Block] : []), ...cardBlocks(m)], m.title);
        break;
      case 'file':
        flush();
        items.push({ type: 'file', file: m });
        break;
    }
    previous = m.type;
  }
  if (citations.length) {
    const list = citations.map((c) => `${escapeMrkdwn(c.title)} (${escapeMrkdwn(c.id)})`).join(' · ');
    add([{ type: 'context', elements: [{ type: 'mrkdwn', text: cut(`:bookmark_tabs: ${list}`, CONTEXT_TEXT) }] }], '');
  }
  flush();
  return items;
}

function cardBlocks(card: Extract<OutboundMessage, { type: 'card' }>): Block[] {
  const head = `*${escapeMrkdwn(card.title)}*${card.subtitle ? `\n${escapeMrkdwn(card.subtitle)}` : ''}`;
  const out: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: cut(head, SECTION_TEXT) } }];
  for (let i = 0; i < card.facts.length; i += FIELDS) {
    out.push({
      type: 'section',
      fields: card.facts.slice(i, i + FIELDS).map((f) => ({ type: 'mrkdwn' as const, text: cut(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_TEXT) })),
    });
  }
  if (card.text) out.push(...sections(card.text));
  const buttons = card.actions.flatMap((a, i): Button[] => {
    if (a.action) return [actionButton(a.label, a.action)];
    if (a.url && /^https?:\/\//i.test(a.url)) return [{ type: 'button', action_id: `${LINK_PREFIX}${i}`, text: { type: 'plain_text', text: label(a.label) }, url: a.url.slice(0, 3000) }];
    return [];
  });
  out.push(...actionBlocks(buttons));
  return out;
}

function actionButton(text: string, action: string): Button {
  return { type: 'button', action_id: `${ACTION_PREFIX}${action}`.slice(0, 255), value: action.slice(0, 2000), text: { type: 'plain_text', text: label(text) } };
}

/** Buttons in rows Slack accepts; the same action twice in one row is one button. */
function actionBlocks(buttons: Button[]): Block[] {
  const seen = new Set<string>();
  const unique = buttons.filter((b) => !seen.has(b.action_id!) && seen.add(b.action_id!));
  const out: Block[] = [];
  for (let i = 0; i < unique.length; i += BUTTONS_PER_BLOCK) out.push({ type: 'actions', elements: unique.slice(i, i + BUTTONS_PER_BLOCK) });
  return out;
}

/** Mrkdwn sections, split at line or word boundaries so no section exceeds Slack's limit. */
export function sections(text: string): Block[] {
  return splitText(escapeMrkdwn(text), SECTION_TEXT).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
}

function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim() || ' ';
  while (rest.length > max) {
    // Never cut inside an entity (&amp;): an escaped text split there would show garbage.
    let at = rest.lastIndexOf('\n', max);
    if (at < max / 2) at = rest.lastIndexOf(' ', max);
    if (at < max / 2) at = max;
    const amp = rest.lastIndexOf('&', at);
    if (amp > at - 5 && rest.indexOf(';', amp) >= at) at = amp;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest);
  return parts;
}

const label = (text: string) => shortLabel(text, BUTTON_TEXT) || '…';
// An escaped text cut inside an entity (&am…) would show garbage: the partial entity goes too.
const cut = (text: string, max: number) => (text.length <= max ? text : `${cutText(text, max - 1).replace(/&[a-z]*$/, '')}…`);
