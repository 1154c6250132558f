import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { DocumentChunk } from '../../domain/model/index.js';
import { guessLanguage } from '../../text/guess-language.js';
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

/** Turns passages into validated chunks: ids, positions, splitting and language are the same for every reader. */
/** `key` names the document for its chunk ids: the file's full path, so ids do not depend on where the command runs. */
export async function buildBatch(label: string, title: string, passages: Passage[], key = label): Promise<SourceBatch> {
  const problems: Problem[] = [];
  const prefix = `doc-${createHash('sha256').update(key).digest('hex').slice(0, 6)}`;
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

