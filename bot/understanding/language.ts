import { StopwordsEn } from '@nlpjs/lang-en-min';
import { StopwordsIt } from '@nlpjs/lang-it';
import { francAll } from 'franc-min';
import { fold } from '../../text/normalize.js';

export type Lang = 'it' | 'en';

/*
 * Chat turns are short: trigram statistics (franc) say little about "ciao" or "ok", so words that
 * only one of the two languages uses decide first, franc weighs in on longer text and the
 * channel's locale breaks ties. text/guess-language.ts stays as it is: it serves ingest (five
 * languages, long brochures, "unknown" allowed), a different question from "which of our two".
 */
const MARKERS: Record<Lang, Set<string>> = {
  it: new Set(
    ('ciao salve buongiorno buonasera grazie prego si sì certo confermo va bene vabbe perfetto annulla cancella prenota prenotare prenotazione prenotazioni ' +
      'voglio vorrei posso puoi potete come dove quando quanto quanti quale quali cosa che chi perche il lo la gli le un una uno di del della dei delle ' +
      'per con su nel nella al alla sono sei e ho hai ha mi ti ci mio mia miei mie corso corsi sede sedi lavoro scuola aiuto fammi dimmi cerco ' +
      'iscrivo iscrivermi iscriversi vicino gratis gratuito anche non niente nulla basta arrivederci aperto aperta orari studenti ragazzi classe ' +
      'domani oggi sabato prossimo prossima mese settimana inglese italiano parla parli rispondi').split(' '),
  ),
  en: new Set(
    ('hi hello hey thanks thank you yes yeah yep please cancel book booking bookings want would like can could how where when what which who why ' +
      'the an of for with on at is are am i my mine your do does did have has course courses job work school help find looking ' +
      'near free nothing never mind bye goodbye hours students class tomorrow today next week month english italian speak talk answer reply ' +
      'sure okay not no there any some about good morning evening afternoon nope forget write homework essay weather thank thanks please ' +
      'high schools training workshop lessons classes centre center office opening times cheap price jobs people').split(' '),
  ),
};
// nlp.js's stopword lists add the function words and auxiliaries ("siamo", "would") of each language.
for (const w of Object.keys(new StopwordsIt().dictionary)) if (/^\p{L}{2,}$/u.test(w)) MARKERS.it.add(w);
for (const w of Object.keys(new StopwordsEn().dictionary)) if (/^\p{L}{2,}$/u.test(w)) MARKERS.en.add(w);
// Words both languages use the same way say nothing ("no", "ok", "fablab", "online").
for (const w of [...MARKERS.it]) if (MARKERS.en.has(w)) { MARKERS.it.delete(w); MARKERS.en.delete(w); }

/** How far apart franc's two scores must be to overrule the locale on a few unmarked words. */
const UNSURE_GAP = 0.5;

export function detectLanguage(said: string, locale?: Lang): Lang {
  const fallback: Lang = locale ?? 'it';
  // A title quoted («…», "…") is in the catalogue's language, not the asker's: the words around it tell.
  const around = said.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ' ');
  const text = /\p{L}{3}/u.test(around) ? around : said;
  const words = fold(text).split(' ').filter(Boolean);
  if (words.length === 0) return fallback;
  const count = (lang: Lang) => words.filter((w) => MARKERS[lang].has(w)).length;
  let it = count('it');
  let en = count('en');
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters >= 8) {
    // franc's two scores are relative (best = 1): the gap is what it is sure of.
    const ranked = francAll(text.slice(0, 2000), { only: ['ita', 'eng'], minLength: 1 });
    const score = Object.fromEntries(ranked) as Record<string, number>;
    const gap = (score.ita ?? 0) - (score.eng ?? 0);
    // A few words no marker places ("HACCP online", "laurea in architettura", "hackathon
    // agricoltura") are where trigrams guess worst: there the platform's locale stands unless
    // franc is clearly sure ("beginner python").
    if (it === 0 && en === 0 && locale && words.length <= 4 && Math.abs(gap) < UNSURE_GAP) return locale;
    const weight = letters >= 20 ? 2 : 1;
    it += Math.max(0, gap) * weight;
    en += Math.max(0, -gap) * weight;
  }
  if (it === en) return fallback;
  return it > en ? 'it' : 'en';
}
