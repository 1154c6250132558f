import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { DocumentChunk } from '../../knowledge/model/index.js';
import type { Problem } from '../problems.js';
import type { SourceBatch } from '../records.js';

/** Past this a "document" is a dump, not a brochure: refused before it is read into memory. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** One passage before it becomes a DocumentChunk: the text under one heading path (and, for PDFs, one page). */
export interface Passage {
  headings: string[];
  text: string;
  page?: number;
}

/**
 * A Markdown page cut at its ATX headings, so every chunk knows which question or section it answers;
 * sections longer than a chunk are split again with overlap.
 */
export async function readMarkdown(path: string, label = path): Promise<SourceBatch> {
  const loaded = await loadText(path, label);
  if (typeof loaded !== 'string') return emptyBatch(label, loaded);
  const { title, passages } = parseMarkdown(loaded);
  return buildBatch(label, title ?? fileTitle(path), passages);
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

/** Turns passages into validated chunks: ids, positions, splitting and language are the same for every reader. */
export async function buildBatch(label: string, title: string, passages: Passage[]): Promise<SourceBatch> {
  const problems: Problem[] = [];
  const prefix = `doc-${createHash('sha256').update(label).digest('hex').slice(0, 6)}`;
  const documentLanguage = guessLanguage(passages.map((p) => p.text).join('\n')) ?? 'it';
  const chunks: DocumentChunk[] = [];
  let read = 0;
  for (const passage of passages) {
    const heading = passage.headings.at(-1);
    for (const piece of await splitter.splitText(passage.text)) {
      // The heading goes with every piece: a split-off half of an answer still says which question it answers.
      const text = heading && !piece.startsWith(heading) ? `${heading}\n\n${piece}` : piece;
      const position = read++;
      const candidate = {
        id: `${prefix}-${String(position).padStart(3, '0')}`,
        source: clip(label, 300),
        title: clip(title, 300),
        headings: passage.headings.map((h) => clip(h, 300)),
        ...(passage.page === undefined ? {} : { page: passage.page }),
        position,
        text: clip(text, 8000),
        language: guessLanguage(piece) ?? documentLanguage,
      };
      const parsed = DocumentChunk.safeParse(candidate);
      if (parsed.success) chunks.push(parsed.data);
      else problems.push({ file: label, column: `chunk ${position}`, message: parsed.error.issues.map((i) => i.message).join('; ') });
    }
  }
  if (chunks.length === 0 && problems.length === 0) problems.push({ file: label, message: 'no text to read: the document is empty' });
  return { source: label, records: { documents: chunks }, problems, read };
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

export async function checkSize(path: string, label: string): Promise<number | Problem> {
  try {
    const { size } = await stat(path);
    if (size > MAX_DOCUMENT_BYTES) {
      return { file: label, message: `file too large to read (${(size / 1024 / 1024).toFixed(1)} MB, the limit is ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB)` };
    }
    return size;
  } catch (e) {
    return { file: label, message: `cannot read the file: ${errorMessage(e)}` };
  }
}

export function emptyBatch(label: string, problem: Problem): SourceBatch {
  return { source: label, records: { documents: [] }, problems: [problem], read: 0 };
}

export function fileTitle(path: string): string {
  return basename(path, extname(path)) || basename(path);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Recursive splitting on paragraphs, then lines, then words keeps sentences whole where it can.
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 100 });

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function stripFrontMatter(text: string): string {
  const m = /^---\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

const STOPWORDS: Record<string, string[]> = {
  it: ['il', 'lo', 'la', 'gli', 'le', 'di', 'che', 'è', 'per', 'con', 'del', 'della', 'sono', 'non', 'una', 'anche', 'nel', 'alla'],
  en: ['the', 'and', 'of', 'to', 'is', 'are', 'for', 'with', 'you', 'this', 'that', 'can', 'not', 'from', 'your', 'be'],
  fr: ['le', 'les', 'des', 'est', 'et', 'pour', 'avec', 'vous', 'une', 'dans', 'sur', 'pas', 'du', 'au', 'ce', 'qui'],
  es: ['el', 'los', 'las', 'es', 'y', 'para', 'con', 'por', 'una', 'del', 'que', 'en', 'se', 'su', 'como', 'está'],
  de: ['der', 'die', 'das', 'und', 'ist', 'für', 'mit', 'sie', 'nicht', 'ein', 'eine', 'zu', 'den', 'auf', 'auch', 'sind'],
};

/** Counting common short words is enough to tell the few languages a brochure here comes in; too little text says nothing. */
export function guessLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.entries(STOPWORDS).map(([lang, list]) => {
    const set = new Set(list);
    return [lang, words.filter((w) => set.has(w)).length] as const;
  });
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] < 3 || best[1] < (second?.[1] ?? 0) * 1.5) return undefined;
  return best[0];
}
