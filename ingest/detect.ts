import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { isOrientaError } from '../domain/errors.js';
import { detectCsvMapping } from './csv/read-mapped.js';
import { isComuniCoordinates } from './sources/comuni-coordinates.js';

/** A file Orienta knows how to read, with the reader that fits and its place in the run. */
export interface DetectedSource {
  path: string;
  /** How it is shown and remembered: the path relative to where the command runs. */
  label: string;
  type: string;
  order: number;
}

export interface UndetectedSource {
  label: string;
  message: string;
}

/**
 * Parents before children across one run: comuni, then sites, then what happens at sites,
 * then bookable slots, schools and free text. So `orienta ingest ../shared/data` needs no order.
 */
const ORDER: Record<string, number> = {
  'comuni-coordinates': 0,
  'csv:istat-comuni': 1,
  native: 2,
  'csv:lto-sedi': 3,
  'csv:lto-corsi': 4,
  'csv:lto-servizi': 4,
  'csv:lto-iniziative': 4,
  'csv:lto-calendario': 5,
  markdown: 7,
  pdf: 7,
};
const orderOf = (type: string) => ORDER[type] ?? 6;

/** Within the native files, the same rule by what each holds: a file of slots after the file of its courses. */
const NATIVE_RANK: Record<string, number> = { comuni: 0, sites: 0.1, courses: 0.2, services: 0.2, initiatives: 0.2, slots: 0.3, schools: 0.4, documents: 0.5 };

function nativeOrder(path: string): number {
  let text: string;
  try {
    text = statSync(path).size > 50 * 1024 * 1024 ? '' : readFileSync(path, 'utf8');
  } catch {
    return ORDER.native!;
  }
  // Top-level keys of the YAML, or the JSON object's keys: the file goes where its last kind goes.
  const ranks = Object.entries(NATIVE_RANK)
    .filter(([key]) => new RegExp(`^${key}:|"${key}"\\s*:`, 'm').test(text))
    .map(([, rank]) => rank);
  return ORDER.native! + (ranks.length ? Math.max(...ranks) : 0.6);
}

export async function detectSources(paths: readonly string[], cwd = process.cwd()): Promise<{ sources: DetectedSource[]; undetected: UndetectedSource[] }> {
  const sources: DetectedSource[] = [];
  const undetected: UndetectedSource[] = [];
  const files: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      undetected.push({ label: p, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) files.push(...walk(full));
    else files.push(full);
  }
  for (const path of [...new Set(files)]) {
    const label = relative(cwd, path) || path;
    try {
      const type = await detectType(path);
      if (type) sources.push({ path, label, type, order: type === 'native' ? nativeOrder(path) : orderOf(type) });
      else undetected.push({ label, message: unknownMessage(path) });
    } catch (error) {
      const message = isOrientaError(error) ? error.message.split(path).join(label) : `cannot read it: ${(error as Error).message}`;
      undetected.push({ label, message });
    }
  }
  sources.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
  return { sources, undetected };
}

/** A directory's files; its README (notes about the data, not data) is skipped unless named explicitly. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && !/^readme(\.[a-z]+)?$/i.test(e.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

async function detectType(path: string): Promise<string | null> {
  const ext = extname(path).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.csv' || ext === '.txt') {
    const mapping = await detectCsvMapping(path);
    return mapping ? `csv:${mapping}` : 'csv:unknown';
  }
  if (ext === '.yaml' || ext === '.yml') return 'native';
  if (ext === '.json') {
    // Only small JSON files are sniffed here; the readers enforce their own size limits.
    if (statSync(path).size > 50 * 1024 * 1024) return 'native';
    try {
      return isComuniCoordinates(JSON.parse(readFileSync(path, 'utf8'))) ? 'comuni-coordinates' : 'native';
    } catch {
      return 'native';
    }
  }
  return null;
}

function unknownMessage(path: string): string {
  return `unsupported file type "${extname(path) || '(none)'}": Orienta reads .csv (partner exports, MIUR and ISTAT registries), .yaml/.json (orienta/v1 or the comuni coordinates), .md and .pdf`;
}
