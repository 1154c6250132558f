import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Vocabulary } from './index.js';

/** The vocabulary of the shipped sample catalogue (data/sample), read straight from its YAML: tests and tries need no store. */
export function sampleVocabulary(): Vocabulary {
  const read = (name: string) => parse(readFileSync(fileURLToPath(new URL(`../../data/sample/${name}.yaml`, import.meta.url)), 'utf8')) as Record<string, Record<string, unknown>[]>;
  const list = (name: string, kind: string, title: string) =>
    (read(name)[name] ?? []).map((r) => ({ id: String(r.id), kind, title: String(r[title] ?? r.id) }));
  const comuni = (read('comuni').comuni ?? []).map((c) => ({ code: String(c.code), name: String(c.name), lat: Number(c.lat), lon: Number(c.lon) }));
  return {
    comuni,
    records: [
      ...list('courses', 'course', 'title'),
      ...list('sites', 'site', 'name'),
      ...list('services', 'service', 'title'),
      ...list('initiatives', 'initiative', 'title'),
      ...list('slots', 'slot', 'id'),
    ],
  };
}
