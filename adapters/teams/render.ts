import type { Activity, Attachment } from 'botbuilder';
import { t } from '../../bot/answer/texts.js';
import { decodeAction, encodeAction } from '../../domain/action.js';
import type { Citation, Lang, OutboundMessage } from '../../domain/message.js';
import { teamsTexts } from './texts.js';

type Card = Record<string, unknown>;
type Message = Extract<OutboundMessage, { type: 'card' }>;
type Choices = Extract<OutboundMessage, { type: 'choices' }>;

/** Teams puts the rest of a card's buttons behind "…" past a handful; rows of five stay visible. */
const BUTTONS_PER_ROW = 5;
const URL = /^https?:\/\//i;

export interface RenderContext {
  citations: Citation[];
  /** The reply's language, for the card words that are Teams' own. */
  lang: Lang;
  /** The Teams display name, offered in the lab-session form. */
  userName?: string;
}

/**
 * The engine's messages as Teams activities: text as plain text, result cards and choices as
 * Adaptive Cards 1.5 (cards one after another as a carousel), the lab-session dates as a booking
 * form, files as attachments.
 */
export function render(messages: OutboundMessage[], ctx: RenderContext): Partial<Activity>[] {
  const out: Partial<Activity>[] = [];
  let cards: Attachment[] = [];
  const flush = () => {
    if (cards.length) out.push({ type: 'message', attachments: cards, attachmentLayout: cards.length > 1 ? 'carousel' : 'list' });
    cards = [];
  };
  for (const m of messages) {
    if (m.type === 'card') {
      cards.push(adaptive(resultCard(m)));
      continue;
    }
    flush();
    if (m.type === 'text') out.push({ type: 'message', text: m.text, textFormat: 'plain' });
    else if (m.type === 'choices') out.push({ type: 'message', attachments: [adaptive(labForm(m, ctx) ?? choicesCard(m))] });
    else out.push({ type: 'message', attachments: [{ contentType: m.mediaType, name: m.name, contentUrl: `data:${m.mediaType};base64,${m.encoding === 'base64' ? m.content : Buffer.from(m.content, 'utf8').toString('base64')}` }] });
  }
  flush();
  return out;
}

const adaptive = (content: Card): Attachment => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', ...content } });

/** Card text is Markdown to Teams: a catalogue's "*" or "_" must stay a character. */
const plain = (s: string) => s.replace(/[\\*_[\]`~]/g, (c) => `\\${c}`);

const submit = (label: string, action: string) => ({ type: 'Action.Submit', title: label, data: { orienta: action } });

function resultCard(m: Message): Card {
  const actions = m.actions.flatMap((a): Card[] => (a.url && URL.test(a.url) ? [{ type: 'Action.OpenUrl', title: a.label, url: a.url }] : a.action ? [submit(a.label, a.action)] : []));
  return {
    body: [
      { type: 'TextBlock', text: plain(m.title), style: 'heading', weight: 'Bolder', size: 'Medium', wrap: true },
      ...(m.subtitle ? [{ type: 'TextBlock', text: plain(m.subtitle), isSubtle: true, spacing: 'None', wrap: true }] : []),
      ...(m.facts.length ? [{ type: 'FactSet', facts: m.facts.map((f) => ({ title: plain(f.label), value: plain(f.value) })) }] : []),
      ...(m.text ? [{ type: 'TextBlock', text: plain(m.text), wrap: true }] : []),
    ],
    actions,
  };
}

function choicesCard(m: Choices): Card {
  const rows: Card[] = [];
  for (let i = 0; i < m.choices.length; i += BUTTONS_PER_ROW) rows.push({ type: 'ActionSet', actions: m.choices.slice(i, i + BUTTONS_PER_ROW).map((c) => submit(c.label, c.action)) });
  return { body: [{ type: 'TextBlock', text: plain(m.text), wrap: true }, ...rows] };
}

/**
 * The dates of a lab session offered for a site (the engine's "choose a date" for a site) become the
 * booking form: date, class, group size and name in one card, sent back as one Book action with the
 * answers, in the reply's language.
 */
function labForm(m: Choices, ctx: RenderContext): Card | null {
  const sites = ctx.citations.filter((c) => c.kind === 'site');
  const slots = m.choices.flatMap((c) => {
    const a = decodeAction(c.action);
    return a?.type === 'slot' ? [{ title: c.label, value: a.slot }] : [];
  });
  if (sites.length !== 1 || !slots.length || slots.length !== m.choices.length) return null;
  const site = sites[0]!;
  if (m.text !== t(ctx.lang).booking.chooseSlot(site.title)) return null;
  const F = teamsTexts(ctx.lang).form;
  return {
    body: [
      { type: 'TextBlock', text: F.title, style: 'heading', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: F.intro, isSubtle: true, wrap: true },
      { type: 'FactSet', facts: [{ title: F.site, value: plain(site.title) }] },
      { type: 'Input.ChoiceSet', id: 'slot', label: F.date, style: 'expanded', isRequired: true, errorMessage: F.dateMissing, choices: slots },
      { type: 'Input.Text', id: 'class', label: F.className, placeholder: '4B', maxLength: 4, isRequired: true, regex: '^\\s*[1-5]\\s?[A-Za-z]{1,2}\\s*$', errorMessage: F.classMissing },
      { type: 'Input.Number', id: 'group', label: F.group, min: 1, max: 200, isRequired: true, errorMessage: F.groupMissing },
      { type: 'Input.Text', id: 'name', label: F.name, maxLength: 80, isRequired: true, errorMessage: F.nameMissing, ...(ctx.userName ? { value: ctx.userName.slice(0, 80) } : {}) },
    ],
    actions: [{ type: 'Action.Submit', title: F.submit, data: { orienta: encodeAction({ type: 'book', ref: { kind: 'site', id: site.id } }), form: 'lab' } }],
  };
}
