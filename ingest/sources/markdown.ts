import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Problem } from '../problems.js';
import type { SourceBatch } from '../records.js';
import { buildBatch, checkSize, emptyBatch, errorMessage, fileTitle, type Passage } from './passages.js';

/**
 * A Markdown page cut at its ATX headings, so every chunk knows which question or section it answers;
 * sections longer than a chunk are split again with overlap.
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

  const flush = () => {
    const text = body.join('\n').trim();
    if (text) passages.push({ headings: stack.map((h) => h.text), text });
    body = [];
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
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    const text = heading?.[2]?.trim();
    if (!heading || !text) {
      body.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, text });
    if (level === 1 && title === undefined) title = text;
  }
  flush();
  return { title, passages };
}

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
