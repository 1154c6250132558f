/**
 * Telegram's HTML parse mode, written only from text we escape ourselves: a line is a few segments,
 * each plain, bold or italic, so a split can never land inside a tag or an entity.
 */
export interface Segment {
  text: string;
  tag?: 'b' | 'i';
}
export type Line = Segment[];

/** Telegram's limit for one message; counted on the HTML, which is never shorter than what is shown. */
export const MESSAGE_MAX = 4096;
const TAG_COST = '<b></b>'.length;

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML back to the text it shows, for a plain-text retry when Telegram refuses the markup. */
export const htmlToPlain = (html: string) => html.replace(/<\/?[bi]>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const wrap = (s: Segment) => (s.tag ? `<${s.tag}>${escapeHtml(s.text)}</${s.tag}>` : escapeHtml(s.text));
const lineHtml = (line: Line) => line.filter((s) => s.text).map(wrap).join('');

/** Lines packed into as few messages as fit, cut between lines, else between words, else between characters. */
export function packLines(lines: Line[], limit = MESSAGE_MAX): string[] {
  const pieces = lines.flatMap((line) => {
    const html = lineHtml(line);
    return html.length <= limit ? [html] : splitLine(line, limit);
  });
  const chunks: string[] = [];
  let current: string | null = null;
  for (const piece of pieces) {
    if (current !== null && current.length + 1 + piece.length <= limit) current += `\n${piece}`;
    else {
      if (current !== null) chunks.push(current);
      current = piece;
    }
  }
  if (current !== null) chunks.push(current);
  // Blank lines at a cut would be sent as empty-looking messages.
  return chunks.map((c) => c.replace(/^\n+|\n+$/g, '')).filter((c) => c.trim() !== '');
}

interface Run {
  tag?: 'b' | 'i';
  text: string;
}

function splitLine(line: Line, limit: number): string[] {
  const out: string[] = [];
  let runs: Run[] = [];
  let cost = 0;
  const flush = () => {
    const last = runs.at(-1);
    if (last) last.text = last.text.trimEnd();
    const html = runs.filter((r) => r.text).map((r) => wrap(r)).join('');
    if (html) out.push(html);
    runs = [];
    cost = 0;
  };
  const add = (tag: 'b' | 'i' | undefined, text: string) => {
    const last = runs.at(-1);
    if (last && last.tag === tag) last.text += text;
    else runs.push({ tag, text });
    cost += escapeHtml(text).length + (last && last.tag === tag ? 0 : tag ? TAG_COST : 0);
  };
  const costOf = (tag: 'b' | 'i' | undefined, text: string) => {
    const last = runs.at(-1);
    return escapeHtml(text).length + (last && last.tag === tag ? 0 : tag ? TAG_COST : 0);
  };
  for (const segment of line) {
    for (const token of segment.text.split(/(\s+)/).filter(Boolean)) {
      const blank = /^\s+$/.test(token);
      if (blank && runs.length === 0) continue;
      if (cost + costOf(segment.tag, token) <= limit) {
        add(segment.tag, token);
        continue;
      }
      if (blank) {
        flush();
        continue;
      }
      flush();
      if (costOf(segment.tag, token) <= limit) {
        add(segment.tag, token);
        continue;
      }
      // One word longer than a message (a pasted URL, a string of symbols): cut between characters,
      // never inside a surrogate pair or an entity, since escaping happens after the cut.
      for (const char of Array.from(token)) {
        if (cost + costOf(segment.tag, char) > limit) flush();
        add(segment.tag, char);
      }
    }
  }
  flush();
  return out;
}
