import type { Classification } from './classifier.js';
import type { Entities } from './entities.js';
import type { TrainedIntent } from './intent.js';

/*
 * Intents that act (book, cancel, confirm, record feedback, switch language, say goodbye) need words that say
 * so. The network scores every sentence against every intent, and a sentence it has never seen
 * lands somewhere: "programazione pyton" on a yes, "voglio fare l'estetista" on a no, "serve lo
 * SPID?" on feedback, "I have a fever" on my bookings. Such a reading is set aside here and the
 * next one that has its words is taken, with the share it had, so an unsure turn stays unsure and
 * the catalogue's own words decide it (rules.ts).
 */
// "Sì" is also the reflexive "si" ("come si iscrive?", "ci si iscrive entro…"): a yes only when it
// opens or closes the reply.
const YES = /^(si|sisi)\b|\b(si|sisi)$|\b(ok|okay|va bene|certo|certamente|esatto|giusto|conferm\w*|procedi|vai|d accordo|perfetto|assolutamente|yes|yeah|yep|yup|sure|right|correct|confirm|go ahead|do it|absolutely|of course|sounds good|alright|fine)\b/;
const NO = /\b(no|nah|nope|niente|lascia|lasciamo|non importa|non ora|meglio di no|non voglio|non mi interessa|non ancora|non confermo|non e quello|never mind|forget|not now|not interested|not yet|leave it|maybe later|do not want|not it|not that)\b/;
const FEEDBACK = /\b(rispost\w*|feedback|bot|info|informazioni vecchie|error\w*|segnal\w*|suggeriment\w*|valutazion\w*|sbagliat\w*|utile|inutile|chiar[oa]|capito|aiutato|servit[oa]|funziona|answer|mistake|wrong|works|broken|helpful|useful|useless|understand|helped|clear)\b/;
const MY_BOOKINGS = /\b(prenot\w*|iscritt\w*|iscrizion\w*|appuntament\w*|booking\w*|booked|book|reservations?|enrolled|registered|signed up|sign up|signed|appointments?|codice|code)\b/;
const BOOK = /\b(prenot\w*|iscriv\w*|iscrizion\w*|riserv\w*|fiss\w*|appuntament\w*|colloqui\w*|post[oi]|venire|veniamo|vengo|verrei|portare|porto|partecipare|partecipo|prendo|quel corso|segni|book\w*|reserve|sign\w*|enrol\w*|register|appointment|interview|come with|attend|take that|that one|places|seats|session\w*)\b/;
const CANCEL = /\b(annull\w*|cancell\w*|disdi\w*|disdett\w*|elimin\w*|togli\w*|rinunc\w*|ritir\w*|disiscriv\w*|cancel\w*|delete|withdraw|call off|unsubscribe|remove me|give up)\b|\bnon (posso|possiamo|riesco a|riusciamo a) (piu )?venire\b|\bnon (ci saro|vengo|veniamo)\b|\b(cannot|can not|can t) come\b|\bnot coming\b/;
const THANKS_BYE = /\b(grazi\w*|grz|thx|ty|thanks?|thank you|ringrazio|ciao\w*|bye|goodbye|arrivederci|presto|buona (giornata|serata)|ci sentiamo|cheers|prossima|a dopo|see you|nice day|basta cosi|that is all)\b/;
/** A course done or a level reached, and what comes after: "ho fatto il corso base, e dopo?". */
const PATH = /\b(ho fatto|ho finito|ho completato|ho seguito|ho concluso|ho terminato|finito il|ho gia|le basi|come continuo|continuare|proseguire|prossimo passo|dopo|e poi|poi cosa|prossimo|prossima|successivo|successiva|livello dopo|next|after|finished|completed|done with|took|already know|basics)\b/;
const COMPANY = /\b(aziend\w*|impres\w*|ditt\w*|compan\w*|business\w*|employer\w*|datore|datori|assum\w*|assunzion\w*|sponsor\w*|madrin\w*|tirocinant\w*|ospitare|hire|hiring|recruit\w*|personale|staff|dipendent\w*)\b/;
/** A person on the staff, asked for as such: "un operatore", "una persona", "someone to talk to". */
const HANDOFF = /\b(operator\w*|operatric\w*|persona|persone|umano|umana|qualcuno|staff|human|person|someone|somebody|agent|representative|consulente|impiegat\w*|chiamatemi|chiamami|richiam\w*|call me|call back|contattatemi|contact me|ricontatt\w*)\b/;
const LANGUAGE = /\b(lingua|language|parl\w*|speak|rispond\w*|answer|reply|scriv\w*|write|cambia|switch|passa|torna|inglese|italiano|english|italian)\b/;

function hasEvidence(intent: TrainedIntent, folded: string, entities: Entities, feedbackWords: boolean): boolean {
  const words = folded.split(' ').length;
  switch (intent) {
    case 'affirm': return YES.test(folded);
    case 'deny': return NO.test(folded);
    case 'feedback': return feedbackWords || FEEDBACK.test(folded);
    case 'my_bookings': return !!entities.bookingCode || MY_BOOKINGS.test(folded);
    case 'book': return entities.codes.some((c) => c.kind === 'slot') || BOOK.test(folded);
    case 'thanks_bye': return THANKS_BYE.test(folded);
    case 'cancel': return !!entities.bookingCode || CANCEL.test(folded);
    // "ho fatto inglese B1, e dopo?" names a language and asks for no switch.
    case 'company': return COMPANY.test(folded);
    case 'learning_path': return PATH.test(folded) || entities.codes.some((c) => c.kind === 'course');
    case 'handoff': return HANDOFF.test(folded);
    case 'switch_language': return !!entities.targetLanguage || (LANGUAGE.test(folded) && words <= 4) || /\b(lingua|language)\b/.test(folded);
    default: return true;
  }
}

/** The classification with readings that lack their words set aside; undefined when none is left. */
export function withEvidence(c: Classification | undefined, folded: string, entities: Entities, feedbackWords: boolean): Classification | undefined {
  if (!c || hasEvidence(c.intent, folded, entities, feedbackWords)) return c;
  const ranking = c.ranking.filter((r) => hasEvidence(r.intent, folded, entities, feedbackWords));
  const total = c.ranking.reduce((sum, r) => sum + r.score, 0);
  const best = ranking[0];
  if (!best || total <= 0) return undefined;
  return { ...c, intent: best.intent, confidence: best.score / total, ranking };
}
