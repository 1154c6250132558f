import { KIND_WORDS } from '../../knowledge/search/vocabulary.js';
import type { NameSource } from '../../domain/ports.js';
import type { NamedRecord } from './lexicon.js';

const TOPIC_KIND_WORDS = new Set(['università', 'university', 'laboratorio', 'lab', 'scuola', 'formazione', 'training', 'training centre', 'course', 'corso']);

/** Initials and abbreviations in a school's or provider's name that name nothing ("I.S.", "MN"). */
const NOT_A_NAME = /\b(i\s?s|is|iis|itis|iti|ipsia|liceo|istituto|superiore|statale|mn|s\s?r\s?l|s\s?p\s?a|[a-z])\b\.?/gi;

/** "Stampa 3D: dalla modellazione al prototipo" is called "Stampa 3D". */
function head(title: string): string | undefined {
  const cut = title.split(/\s*(?::|\(|\s[-–—]\s)\s*/)[0]?.trim();
  return cut && cut !== title && cut.length >= 3 ? cut : undefined;
}

/** "I.S. FERMI MN" -> "FERMI", "IS E.SANFELICE" -> "SANFELICE". */
function core(provider: string): string {
  return provider.replace(/["“”]/g, ' ').replace(NOT_A_NAME, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Every name the record's own data gives it. `sole`: the only site of its kind, so the kind's own
 * words name it ("l'hub", "la camera di commercio").
 */
export function namesOf(r: NameSource, sole = false): NamedRecord {
  const names = [r.title];
  const activities: string[] = [];
  const short = head(r.title);
  if (short) names.push(short);
  if (r.kind === 'site') {
    const by = r.provider ? core(r.provider) : '';
    // A partner may list a site's labs in one cell ("Meccatronica, Micro-FabLab"): each is a name.
    for (const lab of (r.labs ?? []).flatMap((l) => l.split(/\s*[,;]\s*/)).filter(Boolean)) {
      names.push(lab);
      activities.push(lab);
      if (by) names.push(`${lab} ${by}`);
      if (r.comune) names.push(`${lab} ${r.comune}`);
    }
    // The kind's own name ("l'hub", "la camera di commercio", "il CPI di Suzzara"); words that are
    // also topics ("università", "laboratorio") do not name a site.
    const kindWords = (r.type ? (KIND_WORDS[r.type] ?? []) : []).filter((w) => !TOPIC_KIND_WORDS.has(w.toLowerCase()));
    if (sole) names.push(...kindWords);
    if (r.comune) {
      names.push(`${r.title} ${r.comune}`);
      for (const word of kindWords) names.push(`${word} ${r.comune}`);
    }
  }
  if (r.kind === 'school' && r.comune) names.push(`${r.title} ${r.comune}`);
  return { kind: r.kind, id: r.id, names, ...(r.comune ? { comune: r.comune } : {}), ...(r.kind === 'school' && r.type ? { type: r.type } : {}), ...(activities.length ? { activities } : {}) };
}
