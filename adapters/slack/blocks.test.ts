import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../domain/message.js';
import { renderForSlack, type SlackItem } from './blocks.js';
import { escapeMrkdwn, slackToPlain } from './mrkdwn.js';
import { verifySlackSignature } from './verify.js';
import { createHmac } from 'node:crypto';

const posts = (items: SlackItem[]) => items.flatMap((i) => (i.type === 'post' ? [i.post] : []));
const json = (items: SlackItem[]) => JSON.stringify(items);

describe('Block Kit rendering', () => {
  it('escapes &, < and > in every mrkdwn text, and leaves plain-text labels as written', () => {
    const messages: OutboundMessage[] = [
      { type: 'text', text: 'Robotica & coding <base> per 3° > 2°' },
      { type: 'card', title: 'Corso <b>A&B</b>', subtitle: 'CFP > Mantova', facts: [{ label: 'Dove <x>', value: 'Via Roma 1 & 2' }], text: '<@U123> <!here>', actions: [{ label: 'Dettagli & info', action: 'details:course:C001' }] },
    ];
    const out = json(renderForSlack(messages));
    expect(out).toContain('Robotica &amp; coding &lt;base&gt; per 3° &gt; 2°');
    expect(out).toContain('*Corso &lt;b&gt;A&amp;B&lt;/b&gt;*');
    expect(out).toContain('&lt;@U123&gt; &lt;!here&gt;');
    expect(out).not.toMatch(/<@U123>|<!here>|<b>/);
    expect(out).toContain('"text":"Dettagli & info"');
  });

  it('carries the engine action in the button, and turns links into link buttons', () => {
    const [item] = renderForSlack([
      { type: 'card', title: 'FabLab', facts: [], actions: [{ label: 'Prenota', action: 'book:site:S02' }, { label: 'Sito', url: 'https://example.org/fablab' }, { label: 'Bad', url: 'javascript:alert(1)' }] },
    ]);
    const actions = item?.type === 'post' ? item.post.blocks.find((b) => b.type === 'actions') : undefined;
    expect(actions).toMatchObject({ elements: [{ action_id: 'orienta:book:site:S02', value: 'book:site:S02' }, { action_id: 'link:1', url: 'https://example.org/fablab' }] });
    expect(json([item!])).not.toContain('javascript:');
  });

  it('keeps within Slack’s limits: sections, buttons per row, blocks per message, label length', () => {
    const long = `${'parola '.repeat(1000)}& fine`;
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `Scelta numero ${i} con un’etichetta davvero molto lunga che supera il limite di Slack`, action: `slot:SL${i}` }));
    const cards: OutboundMessage[] = Array.from({ length: 20 }, (_, i) => ({ type: 'card', title: `Corso ${i}`, facts: Array.from({ length: 12 }, (_, j) => ({ label: `f${j}`, value: 'v' })), actions: [] }));
    const items = renderForSlack([{ type: 'text', text: long }, { type: 'choices', text: 'Quale data?', choices: many }, ...cards]);
    for (const post of posts(items)) {
      expect(post.blocks.length).toBeLessThanOrEqual(50);
      expect(post.text.length).toBeLessThanOrEqual(3000);
      for (const b of post.blocks) {
        if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
        if (b.type === 'section' && b.fields) expect(b.fields.length).toBeLessThanOrEqual(10);
        if (b.type === 'actions') {
          expect(b.elements.length).toBeLessThanOrEqual(25);
          for (const e of b.elements) if (e.type === 'button') expect(e.text.text.length).toBeLessThanOrEqual(75);
        }
      }
    }
    expect(posts(items).length).toBeGreaterThan(1);
    const sections = JSON.stringify(posts(items)[0]!.blocks);
    expect(sections).toContain('&amp; fine');
    expect(sections).not.toMatch(/&am"|&a"/);
  });

  it('sends a file between the messages around it, and the sources as a context block', () => {
    const items = renderForSlack(
      [{ type: 'text', text: 'Prenotato: LTO-7K3P' }, { type: 'file', name: 'LTO-7K3P.ics', mediaType: 'text/calendar', encoding: 'utf8', content: 'BEGIN:VCALENDAR' }, { type: 'text', text: 'A presto' }],
      [{ kind: 'course', id: 'C001', title: 'Stampa 3D' }],
    );
    expect(items.map((i) => i.type)).toEqual(['post', 'file', 'post']);
    const last = items[2]!.type === 'post' ? items[2]!.post : undefined;
    expect(last?.blocks.at(-1)).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: expect.stringContaining('Stampa 3D (C001)') }] });
  });
});

describe('Slack text to plain text', () => {
  it('reads links, mentions and entities the way a person would', () => {
    expect(slackToPlain('<@U0BOT> corsi &amp; laboratori &lt;3', 'U0BOT')).toBe('corsi & laboratori <3');
    expect(slackToPlain('vedi <https://lto.mn.it/c1|il corso> o <https://x.it> e <mailto:a@b.it|a@b.it>')).toBe('vedi il corso (https://lto.mn.it/c1) o https://x.it e a@b.it');
    expect(slackToPlain('<!here> ciao <#C1|staff> <@U2|marta>')).toBe('ciao #staff @marta');
    expect(escapeMrkdwn('a&b<c>')).toBe('a&amp;b&lt;c&gt;');
  });
});

describe('Slack signature check', () => {
  const secret = 'shh-secret-123';
  const body = '{"type":"event_callback"}';
  const now = 1_700_000_000_000;
  const ts = String(now / 1000);
  const sig = (s: string, t = ts, b = body) => `v0=${createHmac('sha256', s).update(`v0:${t}:${b}`).digest('hex')}`;
  const check = (o: Partial<Parameters<typeof verifySlackSignature>[0]>) => verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig(secret), timestamp: ts, nowMs: now, ...o });

  it('accepts Slack’s signature and refuses anything else, saying why', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ signature: sig('other') })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ rawBody: `${body} ` })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ signature: 'v0=abc' })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing headers' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing headers' });
    expect(check({ timestamp: '17e8', signature: sig(secret, '17e8') })).toEqual({ ok: false, reason: 'malformed timestamp' });
  });

  it('refuses a request more than five minutes old or ahead, even correctly signed', () => {
    const old = String(now / 1000 - 301);
    const ahead = String(now / 1000 + 301);
    expect(check({ timestamp: old, signature: sig(secret, old) })).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(check({ timestamp: ahead, signature: sig(secret, ahead) })).toEqual({ ok: false, reason: 'stale timestamp' });
    const edge = String(now / 1000 - 299);
    expect(check({ timestamp: edge, signature: sig(secret, edge) })).toEqual({ ok: true });
  });
});
