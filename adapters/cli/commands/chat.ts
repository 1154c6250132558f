import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { InboundMessage, OutboundMessage, Reply } from '../../../domain/message.js';
import { withOrienta, type GlobalOptions, type Io } from '../context.js';
import { UsageError } from '../errors.js';

/** The terminal is a plain-text channel: numbered choices, cards as text, no files. */
const TERMINAL = { buttons: false, cards: false, files: false, markdown: false };

export function renderForTerminal(reply: Reply): string {
  const out: string[] = [];
  const render = (m: OutboundMessage) => {
    switch (m.type) {
      case 'text':
        out.push(m.text);
        break;
      case 'choices':
        out.push(m.text, ...m.choices.map((c, i) => `  ${i + 1}) ${c.label}`));
        break;
      case 'card':
        out.push([m.title, m.subtitle, ...m.facts.map((f) => `  ${f.label}: ${f.value}`), m.text].filter(Boolean).join('\n'));
        break;
      case 'file':
        out.push(`[${m.name}]`);
        break;
    }
  };
  reply.messages.forEach(render);
  if (reply.citations.length > 0) {
    out.push(`${reply.lang === 'en' ? 'Sources' : 'Fonti'}: ${reply.citations.map((c) => `${c.id} ${c.title}`).join(' · ')}`);
  }
  return `${out.join('\n')}\n`;
}

export function registerChat(program: Command, io: Io & { stdin?: NodeJS.ReadableStream }): void {
  program
    .command('chat')
    .description('talk to the assistant: a prompt on a terminal, one message a line from stdin otherwise')
    .option('--json', 'print one Reply object ({conversationId, intent, messages, citations}) a line')
    .option('--user <id>', 'who is talking (bookings and data belong to this id)', `cli:${safeUser()}`)
    .action(async (opts: { json?: boolean; user: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      if (!/^[\w:.@-]{1,120}$/.test(opts.user)) throw new UsageError(`--user must be letters, digits or ":_.@-", at most 120 characters, not "${opts.user}"`);
      await withOrienta(globals, { command: 'chat' }, async (o) => {
        const engine = o.engine();
        await engine.warmUp();
        const lang = o.config.ORIENTA_LANG;
        const stdin = io.stdin ?? process.stdin;
        const tty = 'isTTY' in stdin && Boolean((stdin as NodeJS.ReadStream).isTTY) && !opts.json;
        const rl = createInterface({ input: stdin, ...(tty ? { output: io.stdout, prompt: '> ' } : {}), terminal: tty });
        let conversationId: string | undefined;
        if (tty) {
          io.stdout.write(lang === 'en' ? 'Orienta — write your question (Ctrl+D to leave).\n' : 'Orienta — scrivi la tua domanda (Ctrl+D per uscire).\n');
          rl.prompt();
        }
        // Lines are answered one at a time, in order, even when stdin delivers them all at once.
        for await (const line of rl) {
          if (!tty && line.trim() === '') continue;
          const message: InboundMessage = { userId: opts.user, channel: 'cli', capabilities: TERMINAL, locale: lang, text: line, ...(conversationId ? { conversationId } : {}) };
          const reply = await engine.handle(message);
          conversationId = reply.conversationId;
          io.stdout.write(opts.json ? `${JSON.stringify(reply)}\n` : renderForTerminal(reply));
          if (tty) rl.prompt();
        }
      });
    });
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'local';
  } catch {
    return 'local';
  }
}
