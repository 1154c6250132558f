/**
 * What a message does: asks something, or asks the assistant to act. "Serve lo SPID per
 * prenotare?", "cosa devono portare i ragazzi al laboratorio?" and "si può disdire?" are questions
 * about booking and are answered; only "prenotami…", "mi iscrivo", "vorrei prenotare il FabLab…"
 * or "book me on…" start a booking. Folded text throughout.
 */

/** Words that open a conversation turn without saying anything ("ok allora…", "ciao, …"). */
const LEAD = '(?:(?:ok|okay|ok allora|allora|si|va bene|perfetto|ottimo|bene|benissimo|great|yes|yeah|ciao|salve|buongiorno|hi|hello|then|so|e|ma|senti|scusa|quindi|dai)\\s+)*';

/** A request to book, enrol or reserve: the person wants it done. */
const BOOK_REQUEST = new RegExp(
  `\\b(iscrivimi|iscrivici|iscrivilo|iscrivila|iscriviamo|iscrivetemi|mi iscrivo|ci iscriviamo|mi voglio iscrivere|ci vogliamo iscrivere|prenota|prenotami|prenotaci|prenotalo|prenotala|prenotali|prenotale|prenotate|prenotatemi|prenotatelo|prenotiamo|prenoto|fissami|fissa|riservami|riserva|tienimi|mi tieni|ci tieni|mettimi in lista|mettici in lista|lista d attesa|waiting list|waitlist|` +
    `(?:voglio|vorrei|vorremmo|vogliamo|desidero|desidererei|volevo) (?:anche )?(?:iscrivermi|iscriverci|iscrivere|prenotare|prenotarmi|prenotarci|fissare|riservare|un appuntamento|partecipare|venire|un posto|portare (?:la|le|i|mia|mie|miei|nostra|nostre|una|la mia|la nostra) \\w+)|` +
    `(?:puoi|potete|potresti|potreste|mi puoi|ci puoi) (?:iscrivermi|iscriverci|prenotare|prenotarmi|prenotarci|fissare|riservare|tenermi|tenerci)|` +
    `book|book me|book us|sign me up|sign us up|register me|register us|enrol me|enroll me|reserve|save me a|` +
    `(?:i want|i d like|i would like|we want|we d like|we would like|i wanna|can you|could you|please) (?:to )?(?:book|enrol|enroll|sign up|register|reserve|join|attend|come|get an appointment|make an appointment)|` +
    `i ll take|i ll book|let s book|i ll come|count me in|mi iscrivi|ci iscrivi|mi prenoti|ci prenoti|`+
    `i need (?:an|the|a) appointment|mi serve (?:un|l) appuntamento|ho bisogno (?:di un|dell) appuntamento)\\b`,
);

/**
 * A question about how booking works or whether it is needed, not a request to do it: "come
 * prenoto?", "serve lo SPID per prenotare?", "si può disdire?", "se non vengo cosa succede?",
 * "do I need to book?", "how do I sign up?".
 */
const ASKS_HOW = new RegExp(
  `^${LEAD}(come|in che modo|how|cosa|che cosa|what|serve|servono|bisogna|occorre|devo|dobbiamo|si puo|si possono|e possibile|e obbligatori\\w*|e necessari\\w*|do i|do we|does|should|se|if|chi|who|perche|why|entro quando|fino a quando|quanto prima|by when)\\b` +
    `|\\b(per (prenotare|iscriversi|iscrivermi|partecipare)|cosa succede|what happens|si prenota|ci si iscrive|ci si prenota|va prenotat\\w*|bisogna prenotare|serve prenotare|need to book|have to book|need to register|is booking|se|if|(?:o|oppure|or) (?:serve|servono|bisogna|devo|dobbiamo|deve|do we need|does|need)|da sol[oaie]|by myself|on my own)\\b`,
);

/** "posso prenotare…", "can I book…": a request when it comes with what to book and when. */
const MAY_I_BOOK = /\b(posso|possiamo|potrei|potremmo|si puo|can i|can we|could i|could we|may i) (?:anche )?(prenotare|prenotarmi|iscrivermi|iscriverci|fissare|book|enrol|enroll|sign up|register|reserve)\b/;

/**
 * The person asks to be put on a booking, as opposed to asking about booking. `detailed`: the
 * message also says when, for which class or how many ("posso prenotare il FabLab per la 3B il 3
 * dicembre?" is a request in question form).
 */
export function asksToBook(folded: string, detailed = false): boolean {
  if (!BOOK_REQUEST.test(folded)) return detailed && MAY_I_BOOK.test(folded) && !/\b(se|if)\b/.test(folded);
  if (!ASKS_HOW.test(folded)) return true;
  // "ok, come faccio a prenotare? prenotami pure", "prenota C012 se ci sono posti": a request after
  // all when an imperative is there, or opens the message.
  return /\b(iscrivimi|iscrivici|prenotami|prenotaci|prenotatemi|prenotalo|prenotala|book me|book us|sign me up|sign us up)\b/.test(folded) || new RegExp(`^${LEAD}(prenota|iscrivi|book|reserve|register me|enrol me|enroll me)\\b`).test(folded);
}

/** A question about booking, enrolling or cancelling rather than a request to do it. */
export function asksHow(folded: string): boolean {
  return ASKS_HOW.test(folded);
}

/** "No, lascia stare", "annulla", "forget it": stop what is being put together. */
export const STOP = /^(no|no grazie|annulla|lascia stare|lascia perdere|basta|stop|cancel|no thanks|never mind|forget it|non importa|niente)$/;
