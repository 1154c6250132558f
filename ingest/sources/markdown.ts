import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Problem } from '../problems.js';
import type { SourceBatch } from '../records.js';
import { buildBatch, checkSize, emptyBatch, errorMessage, fileTitle, type Passage } from './passages.js';

/**
 * A Markdown page cut at its headings, ATX (`# Title`) and Setext (a line underlined with `===` or
 * `---`), so every chunk knows which question or section it answers; sections longer than a chunk
 * are split again with overlap.
 */
export async function readMarkdown(path: string, label = path): Promise<SourceBatch> {
  const loaded = await loadText(path, label);
  if (typeof loaded !== 'string') return emptyBatch(label, loaded);
  const { title, passages } = parseMarkdown(loaded);
  return buildBatch(label, title ?? fileTitle(path), passages, resolve(path));
}

export function parseMarkdown(source: string): { title?: string; passages: Passage[] } {
  const lines = stripFrontMatter(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).split('\n');
  const passages: Passage[] = [];
  const stack: { level: number; text: string }[] = [];
  let title: string | undefined;
  let body: string[] = [];
  let fence: { char: string; length: number } | undefined;
  // The paragraph the current line continues, if any: only a plain one's lines can turn out, at
  // an underline, to have been a Setext heading. Under a list item, a quote or after a blank line
  // the same `---` is a thematic break (CommonMark), left in the text as it was written.
  let paragraph: { start: number; plain: boolean } | undefined;

  const flush = () => {
    const text = body.join('\n').trim();
    if (text) passages.push({ headings: stack.map((h) => h.text), text });
    body = [];
  };
  const open = (level: number, text: string) => {
    flush();
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, text });
    if (level === 1 && title === undefined) title = text;
    paragraph = undefined;
  };

  for (const line of lines) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMark && fenceMark[1]![0] === fence.char && fenceMark[1]!.length >= fence.length && line.trim() === fenceMark[1]) fence = undefined;
      body.push(line);
      continue;
    }
    if (fenceMark) {
      fence = { char: fenceMark[1]![0]!, length: fenceMark[1]!.length };
      body.push(line);
      paragraph = undefined;
      continue;
    }
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (underline && paragraph?.plain) {
      const text = body.splice(paragraph.start).map((l) => l.trim()).join(' ');
      open(underline[1]![0] === '=' ? 1 : 2, text);
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    const text = heading?.[2]?.trim();
    if (heading && text) {
      open(heading[1]!.length, text);
      continue;
    }
    body.push(line);
    if (line.trim() === '' || THEMATIC_BREAK.test(line)) paragraph = undefined;
    else if (BLOCK_START.test(line) && (!paragraph || INTERRUPTS.test(line))) paragraph = { start: body.length - 1, plain: false };
    // Four spaces in start a code block, never a paragraph; further in one they are just indentation.
    else if (!paragraph && !/^(?: {4}|\t)/.test(line)) paragraph = { start: body.length - 1, plain: true };
  }
  flush();
  return { title, passages };
}

/** `***`, `- - -`, `___`…: a rule across the page. A bare `---` under a paragraph is an underline instead, checked first. */
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A list item or quote: text under it continues it, so an underline below is a thematic break, not a heading. */
const BLOCK_START = /^ {0,3}(?:[-+*][ \t]|[-+*]$|\d{1,9}[.)](?:[ \t]|$)|>)/;
/** The block starts that can break into a paragraph: "L'anno\n2000. fu…" is one paragraph, so its underline makes a heading. */
const INTERRUPTS = /^ {0,3}(?:[-+*][ \t]+\S|1[.)][ \t]+\S|>)/;

/** The file's text, or the one Problem that says why there is none. */
async function loadText(path: string, label: string): Promise<string | Problem> {
  const size = await checkSize(path, label);
  if (typeof size !== 'number') return size;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { file: label, message: `cannot read the file: ${errorMessage(e)}` };
  }
  if (text.includes('\u0000')) return { file: label, message: 'not a text file (it contains binary data)' };
  return text;
}

function stripFrontMatter(text: string): string {
  const m = /^---\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}
