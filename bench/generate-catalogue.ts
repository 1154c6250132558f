import type { Catalogue, Course, Site } from '../domain/model/index.js';

const TOPICS = ['saldatura', 'robotica', 'stampa 3D', 'contabilità', 'inglese', 'italiano L2', 'logistica', 'HACCP', 'marketing digitale', 'cybersecurity', 'meccatronica', 'acconciatura', 'cucina', 'fotovoltaico', 'droni', 'Python', 'Excel', 'sicurezza sul lavoro', 'viticoltura', 'carrello elevatore'];
const ADJ = ['base', 'intermedio', 'avanzato', 'serale', 'intensivo', 'pratico', 'per il lavoro', 'in laboratorio'];
const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
const MODES = ['presence', 'online', 'blended'] as const;
const AUDIENCES = ['students', 'adults', 'teachers', 'foreigners', 'neet', 'unemployed'] as const;

/** A large synthetic catalogue over the sample's comuni, deterministic, for benchmarks only. */
export function generateCatalogue(courses: number, base: Partial<Catalogue>): Partial<Catalogue> {
  const comuni = base.comuni!;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sites: Site[] = Array.from({ length: 200 }, (_, i) => {
    const c = pick(comuni);
    return {
      id: `GS${String(i).padStart(4, '0')}`, name: `Laboratorio ${pick(TOPICS)} ${c.name} ${i}`, kind: 'school_lab', provider: `Ente formativo ${i % 40}`,
      address: `Via Roma ${i}`, comune: c.code, labs: [], contacts: {}, keywords: [],
    };
  });
  const list: Course[] = Array.from({ length: courses }, (_, i) => {
    const topic = pick(TOPICS);
    const month = 1 + (i % 12);
    return {
      id: `GC${String(i).padStart(5, '0')}`, title: `Corso di ${topic} ${pick(ADJ)} ${i}`, provider: `Ente formativo ${i % 40}`, site: pick(sites).id,
      topic, level: pick(LEVELS), audience: [pick(AUDIENCES)], mode: pick(MODES), hours: 20 + (i % 100), startDate: `2027-${String(month).padStart(2, '0')}-10`,
      endDate: `2027-${String(month).padStart(2, '0')}-28`, cost: i % 3 === 0 ? 0 : 120, seats: 15, after: [], language: 'it',
      description: `Un corso di ${topic} ${pick(ADJ)} con esercitazioni pratiche, attestato finale e tutor dedicato. Edizione ${i}.`, keywords: [topic],
    };
  });
  return { comuni, sites, courses: list };
}
