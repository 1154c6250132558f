import { STOPWORDS } from '../../text/stopwords.js';

/**
 * The words that ask for a fact, as people mistype them ("indirizo", "dovve", "quado"): one
 * edit away from one of these is read as it. Only the question's words are mended; what it is about
 * is matched by the search, which has typo tolerance of its own.
 */
const ASKING = [
  'dove', 'quando', 'quanto', 'quante', 'indirizzo', 'telefono', 'orario', 'orari', 'scadenza', 'iscrizioni', 'requisiti', 'documenti',
  'attestato', 'certificato', 'contatti', 'accessibile', 'raggiungere', 'durata', 'costo', 'prezzo', 'lingua', 'attestato', 'come', 'chiamo', 'numero',
  'cosa', 'posti', 'paga', 'entro', 'lingue', 'serve', 'parla', 'costa',
  'where', 'address', 'phone', 'opening', 'deadline', 'certificate', 'requirements', 'documents', 'contacts', 'accessible',
];
const ASKED = new Set(ASKING);
/** Of those, the words that only ask ("csa", "qante"): mended, they leave the search; "accessibili" stays a topic. */
export const ASKS_ONLY: ReadonlySet<string> = new Set(['dove', 'quando', 'quanto', 'quante', 'come', 'cosa', 'entro', 'serve', 'parla', 'costa', 'paga', 'posti', 'where']);
/** Words of their own one edit from a question word: "quanti posti" is not "quanto", "dover" not "dove". */
const WORDS = new Set('quanti quanta quale quali dover dovete dover doveva dovevo orali costi costa coste corso cos posto pago parli parte serva servo entra entri pasta dentro centro server corsa praga post costo phones where here there whose'.split(' '));

/** One insertion, deletion or swap of neighbours apart; a changed letter too in longer words, where it is rarely another word. */
function oneEdit(a: string, b: string, substitute: boolean): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
    if (diff.length === 2 && diff[1] === diff[0]! + 1) return a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
    return substitute && diff.length === 1;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** The folded text with mistyped question words mended; `known` tells words that are words of their own. */
export function mendAsking(folded: string, known: (word: string) => boolean): string {
  return folded
    .split(' ')
    .map((w) => {
      if (w.length < 3 || ASKED.has(w) || WORDS.has(w) || STOPWORDS.has(w) || known(w) || !/^[a-z]+$/.test(w)) return w;
      const fix = ASKING.find((t) => Math.abs(t.length - w.length) <= 1 && oneEdit(w, t, t.length >= 6));
      return fix ?? w;
    })
    .join(' ');
}
