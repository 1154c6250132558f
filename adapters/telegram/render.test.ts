import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../domain/message.js';
import { parseTelegramHtml } from '../../test/support/fake-telegram.js';
import { CallbackCodec, CALLBACK_DATA_MAX } from './callback-data.js';
import { escapeHtml, htmlToPlain, MESSAGE_MAX, packLines } from './html.js';
import { render, type Outgoing } from './render.js';

const codec = new CallbackCodec('123:secret');
const ctx = { lang: 'it' as const, chatId: 42, codec };
const texts = (out: Outgoing[]) => out.filter((o) => o.kind === 'text');

describe('HTML for Telegram', () => {
  it('escapes every character Telegram reads as markup, and nothing else', () => {
    expect(escapeHtml('Laboratorio <HTML> & CSS "base"')).toBe('Laboratorio &lt;HTML&gt; &amp; CSS "base"');
    expect(htmlToPlain('<b>a &lt;b&gt; &amp;amp;</b>')).toBe('a <b> &amp;');
  });

  it('renders a card with a catalogue text full of <, > and & that Telegram can parse, showing it as written', () => {
    const card: OutboundMessage = {
      type: 'card',
      title: 'Web <HTML> & CSS',
      subtitle: 'Fermi & Co. <i>',
      facts: [{ label: 'Costo', value: '< 10 € & gratis per > 18' }],
      text: 'Usa <script>alert(1)</script> & &amp; come testo',
      actions: [{ label: 'Dettagli', action: 'details:course:C001' }, { label: 'Sito', url: 'https://lto.example.it/c?x=1&y=2' }],
    };
    const [out] = render([card], ctx);
    expect(out!.kind).toBe('text');
    const html = (out as { html: string }).html;
    expect(html).toContain('<b>Web &lt;HTML&gt; &amp; CSS</b>');
    expect(html).not.toContain('<script>');
    const visible = parseTelegramHtml(html);
    expect(visible).toContain('Web <HTML> & CSS');
    expect(visible).toContain('Costo: < 10 € & gratis per > 18');
    expect(visible).toContain('Usa <script>alert(1)</script> & &amp; come testo');
    expect((out as { keyboard: unknown }).keyboard).toEqual([[{ text: 'Dettagli', callback_data: codec.encode('details:course:C001', 42) }, { text: 'Sito', url: 'https://lto.example.it/c?x=1&y=2' }]]);
  });

  it('splits a long answer under 4096 characters, at line and then word boundaries, never inside an entity', () => {
    const para = Array.from({ length: 300 }, (_, i) => `riga ${i} con <tag> & entità`).join('\n');
    const chunks = texts(render([{ type: 'text', text: para }], ctx)) as { html: string }[];
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.html.length).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(() => parseTelegramHtml(c.html)).not.toThrow();
      expect(c.html.startsWith('riga ')).toBe(true);
    }
    expect(chunks.map((c) => parseTelegramHtml(c.html)).join('\n')).toBe(para);
  });

  it('splits one enormous line between words, and a word longer than a message between characters', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `parola&${i}`).join(' ');
    const chunks = packLines([[{ text: 'Titolo: ', tag: 'b' }, { text: words }]]);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(() => parseTelegramHtml(c)).not.toThrow();
    }
    expect(chunks.map(parseTelegramHtml).join(' ')).toBe(`Titolo: ${words}`);
    const huge = '&'.repeat(5000) + '😀'.repeat(3000);
    const cut = packLines([[{ text: huge, tag: 'i' }]]);
    for (const c of cut) {
      expect(c.length).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(c).toMatch(/^<i>.*<\/i>$/s);
      expect(() => parseTelegramHtml(c)).not.toThrow();
    }
    expect(cut.map(parseTelegramHtml).join('')).toBe(huge);
  });

  it('puts the buttons of a long message under its last part', () => {
    const long = 'x '.repeat(3000);
    const out = texts(render([{ type: 'choices', text: long, choices: [{ label: 'Sì', action: 'confirm' }, { label: 'No', action: 'deny' }] }], ctx)) as { html: string; keyboard?: unknown }[];
    expect(out).toHaveLength(2);
    expect(out[0]!.keyboard).toBeUndefined();
    expect(out[1]!.keyboard).toEqual([[{ text: 'Sì', callback_data: codec.encode('confirm', 42) }, { text: 'No', callback_data: codec.encode('deny', 42) }]]);
  });

  it('gives buttons without a prompt some text, and keeps long labels on rows of their own', () => {
    const out = render([{ type: 'choices', text: '', choices: [{ label: 'Dettagli: Stampa 3D e taglio laser per maker', action: 'details:course:C008' }, { label: 'Solo gratuiti', action: 'refine:free' }, { label: 'Online', action: 'refine:online' }] }], ctx);
    expect(out).toHaveLength(1);
    const m = out[0] as { html: string; keyboard: { text: string }[][] };
    expect(m.html).toBe('Scegli:');
    expect(m.keyboard.map((r) => r.map((b) => b.text))).toEqual([['Dettagli: Stampa 3D e taglio laser per maker'], ['Solo gratuiti', 'Online']]);
  });

  it('leaves off link buttons Telegram would refuse the whole message for', () => {
    const [out] = render([{ type: 'card', title: 'T', facts: [], actions: [{ label: 'a', url: 'javascript:alert(1)' }, { label: 'b', url: 'http://localhost:3000/x' }, { label: 'c', url: 'non un url' }, { label: 'd', url: 'https://ok.example.it' }] }], ctx);
    expect((out as { keyboard: unknown }).keyboard).toEqual([[{ text: 'd', url: 'https://ok.example.it/' }]]);
  });

  it('sends a file as a document, decoded, with a caption for a calendar', () => {
    const [ics, bin] = render(
      [
        { type: 'file', name: 'LTO-7K3P.ics', mediaType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', encoding: 'utf8' },
        { type: 'file', name: '../../etc/dati.json', mediaType: 'application/json', content: Buffer.from('{"a":1}').toString('base64'), encoding: 'base64' },
      ],
      { ...ctx, lang: 'en' },
    );
    expect(ics).toMatchObject({ kind: 'document', filename: 'LTO-7K3P.ics', mediaType: 'text/calendar', caption: 'Add it to your calendar.' });
    expect((ics as { content: Buffer }).content.toString()).toContain('BEGIN:VCALENDAR');
    expect(bin).toMatchObject({ kind: 'document', filename: 'dati.json' });
    expect((bin as { content: Buffer }).content.toString()).toBe('{"a":1}');
  });
});

describe('button data', () => {
  it('fits in 64 bytes, and only opens for the chat it was given to', () => {
    const data = codec.encode('cancel:LTO-7K3P', 42);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX);
    expect(codec.decode(data, 42)).toBe('cancel:LTO-7K3P');
    expect(codec.decode(data, 43)).toBeNull();
    expect(codec.decode(data.slice(0, 9) + 'cancel:LTO-AAAA', 42)).toBeNull();
    expect(codec.decode('details:course:C001', 42)).toBeNull();
    expect(new CallbackCodec('another token').decode(data, 42)).toBeNull();
  });

  it('carries an action too long for Telegram as a short key, and says a forgotten one has expired', () => {
    const action = `details:doc:${'è'.repeat(40)}`;
    const data = codec.encode(action, 42);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX);
    expect(codec.decode(data, 42)).toBe(action);
    expect(codec.decode(data, 7)).toBeNull();
    expect(new CallbackCodec('123:secret').decode(data, 42)).toBe('expired');
  });
});
