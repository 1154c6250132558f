import { fold } from '../../text/normalize.js';

/**
 * How people say a school's grade, and the registry's words for it ("SCUOLA PRIMO GRADO"): one
 * list, read both to tell schools of one name apart and to keep grades from naming any school.
 */
const EVERYDAY: Record<string, string[]> = {
  elementare: ['primaria'], elementari: ['primaria'], primary: ['primaria'],
  media: ['primo', 'grado'], medie: ['primo', 'grado'], middle: ['primo', 'grado'],
  materna: ['infanzia'], asilo: ['infanzia'], nursery: ['infanzia'], kindergarten: ['infanzia'],
  superiore: ['istituto', 'liceo'], superiori: ['istituto', 'liceo'],
};

/** Words that say which grade, said of hundreds of schools: they tell schools apart, they name none. */
export const GRADE_WORDS: readonly string[] = 'scuola scuole primaria infanzia secondaria primo secondo grado materna statale comunale elementare elementari media medie'.split(' ');

/** A question that is about schools by its words, whatever the classifier made of it. */
export const ABOUT_SCHOOLS = /\b(scuol[ae]|elementar[ei]|medi[ae]|asilo|materna|liceo|istituto|school|kindergarten|nursery)\b/;

/** How many words of a school's registry type the folded question says, everyday names included. */
export function gradeSaid(folded: string, type: string | undefined): number {
  if (!type) return 0;
  const said = new Set(folded.split(' ').flatMap((w) => [w, ...(Object.hasOwn(EVERYDAY, w) ? EVERYDAY[w]! : [])]));
  return fold(type).split(' ').filter((w) => w.length > 3 && w !== 'scuola' && said.has(w)).length;
}
