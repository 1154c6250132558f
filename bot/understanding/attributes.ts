/**
 * The fact a question asks about one record: "quando inizia?", "quanto costa?", "come ci arrivo?",
 * "what do I need to bring?". A question about one attribute is answered with that fact, not the
 * whole card (see answer/facts.ts).
 */
export const ATTRIBUTES = [
  'start', 'end', 'schedule', 'where', 'directions', 'hours', 'cost', 'seats', 'deadline', 'duration',
  'eligibility', 'requirements', 'certificate', 'mode', 'level', 'language', 'equipment', 'capacity',
  'accessibility', 'contacts', 'documents', 'bring', 'languages', 'provider', 'audience', 'sponsors',
  'howto', 'appointment', 'what', 'free',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/*
 * Folded text (no accents, punctuation as spaces). Order matters only within a message that could
 * be read two ways: the more specific reading is listed first ("quanto dura l'appuntamento" is
 * about the appointment, "quanto dura" about a course's length).
 */
const PATTERNS: [Attribute, RegExp][] = [
  ['appointment', /\b(quanto dura (l )?(appuntamento|colloquio)|durata (dell )?(appuntamento|colloquio)|how long (is|does) (the |an )?(appointment|meeting|interview)|su appuntamento|serve (un |l )?appuntamento|need an appointment|by appointment)\b/],
  ['bring', /\b(cosa|che cosa|cos) (devo|dobbiamo|devono|deve|bisogna|serve|occorre|ci serve)( \w+)? portare\b|\bportare (qualcosa|niente|nulla)\b|\b(what|anything) (should|do|must|does|to) (i |we |they |pupils |students |the students |the pupils )?(need to )?bring\b|\bbring anything\b|\bcosa porto\b|\bcosa portiamo\b/],
  ['documents', /\b(documenti|documento|document|documents|papers|carte)\b/],
  ['accessibility', /\b(accessibil\w*|accessible|(accorgiment\w*|agevolazion\w*|adatt[oa]|accesso)\b[a-z ]{0,30}\bdisabil\w*|disabled access|wheelchair access\w*|for disabled (people|visitors)|sedia a rotelle|carrozzina|barriere|ascensore|wheelchair|step free|lift|elevator)\b/],
  ['directions', /\b(come (ci |si )?(arrivo|arriva|arrivare|arriviamo|raggiungo|raggiungere|vado|andare)|autobus|pullman|bus|treno|stazione|parcheggi\w*|mezzi pubblici|how (do|can) (i|we) get|get there|getting there|how to get|public transport|parking)\b/],
  ['hours', /\b(orari di apertura|orario di apertura|e aperto|e aperta|sono aperti|apre|aprite|chiude|chiudete|aperto il|aperta il|aperti il|opening (hours|times)|open on|is it open|are you open|when (is|are) (it|you|they) open|closes|opens)\b/],
  ['deadline', /\b(scad\w*|entro quando|fino a quando (ci si puo|posso|si puo) (iscriv|candid|partecip)\w*|ultimo giorno(?! (del corso|di corso|di lezione|delle lezioni))|termine per|deadline|last day(?! of (the )?(course|lessons|classes))|by when|until when can)\b/],
  ['seats', /\b(posti liberi|posti disponibili|ci sono (ancora )?posti|c e (ancora )?posto|ce (ancora )?posto|e (gia )?pieno|e (gia )?completo|completo|esaurit\w*|seats|places left|spots left|still places|is it full|any places|any seats|still room|room left)\b/],
  ['capacity', /\b(capienza|quant[ie] (studenti|alunni|ragazzi|persone|posti) (ci stanno|entrano|puo|possono|ospita|accoglie)|quanti ne (entrano|accoglie|ospita)|capacity|how many (students|pupils|people) (can|does|fit|will)|max(imum)? (number of )?(students|pupils|people))\b/],
  ['equipment', /\b(attrezzatur\w*|macchinari|strumenti|strumentazione|dotazion\w*|cosa (c e|ce|hanno|ha) (nel|in|al|dentro)|che (macchine|stampanti|attrezzi)|equipment|tools|machines|what (do|does) (they|it) have)\b/],
  ['contacts', /\b(contatt\w*|telefono|numero di telefono|(quale|che) numero|cellulare|chiamare|chiamo|chiamarli|telefonare|telefono|(which|what) (phone )?number|number (to|can i|should i) call|email|e mail|mail|scrivere a|sito web|sito internet|contact|phone|call them|website)\b/],
  ['cost', /\b(quanto costa\w*|quanto si paga|costa|costano|costo|costi|prezzo|prezzi|tariff\w*|quota|a pagamento|si paga|pagare|how much|cost|costs|price|fee|fees|pay)\b/],
  ['free', /\b(gratis|gratuit\w*|free of charge|is it free|for free|free)\b/],
  ['duration', /\b(quanto dura|quanto tempo dura|durata|quante ore|di quante ore|quanto tempo|how long|how many hours|duration|length)\b/],
  ['end', /\b(ultimo giorno (del corso|di corso|di lezione|delle lezioni)|ultima lezione|last day of (the )?(course|lessons|classes)|last lesson|quando (finisce|termina|finiscono|terminano)|fino a quando dura|data di fine|when does it (end|finish)|when do(es)? (they|the course) (end|finish)|end date)\b/],
  ['schedule', /\b(che giorn\w*|quali giorn\w*|in che giorn\w*|a che ora|che ore|orario del corso|orari del corso|calendario|what time|which days|what days|schedule|timetable)\b/],
  ['start', /\b(in (che|quali) date|che date|quali (sono le )?date|what are the dates|which dates|dates of|on what dates?|quando (inizia|iniziano|comincia|cominciano|parte|partono|si comincia|si inizia|e|sono|c e|ce)|data di inizio|da quando|when (does|do|is|are|will)( it| they| the course)? (start|begin|starts|begins)?|start date|when)\b|\bquando\b/],
  ['certificate', /\b(cosa (si ottiene|ottengo|ottieni|mi danno|ti danno|danno|rilasciano|mi rilasciano)|what do (i|you|we) (get|receive)( at the end)?|(what|which) .{0,20}(receive|get) at the end of the course|attestat\w*|certificat\w*|certificazion\w*|qualifica|diploma|titolo|rilascia|certificate|certification|qualification|do i get)\b/],
  ['requirements', /\b(requisit\w*|cosa (serve|occorre|bisogna avere) per (fare|iscriversi|accedere|partecipare)|what do i need (to join|to enrol|to enroll|for)|prerequisit\w*|serve saper\w*|bisogna saper\w*|devo saper\w*|gia saper\w*|conoscenz\w* (di base )?(richiest|necessari)\w*|servono conoscenze|need to know|requirements?|prior knowledge|do i need (to know|experience))\b/],
  ['eligibility', /\b(posso|possiamo|can i|may i)\s*$|\b(posso anche io|va bene lo stesso|\d{1,2} anni (va bene|posso|e ok)|sono (minorenne|maggiorenne)|va bene (anche )?per (me|chi)|(?<!come )(?<!dove )posso (partecipare|farlo|farla|iscrivermi|venire|entrare)|possono partecipare|am i (too young|too old|eligible|allowed)|(?<!how )(?<!where )can i (join|take part|attend|do it|apply|enrol|enroll)|eta minima|limite di eta|age limit|minimum age|how old)\b/],
  ['audience', /\b(per chi e|a chi e rivolt\w*|chi puo (partecipare|iscriversi|accedere)|rivolto a|destinatari|who (is it|can|can join|can apply|is it for)|for whom|target)\b/],
  ['mode', /\b(online|on line|a distanza|in presenza|da remoto|da casa|in person|remote|remotely|from home|at home)\b/],
  ['level', /\b(livello|principiant\w*|avanzat\w*|intermedio|da zero|beginners?|advanced|intermediate|level)\b/],
  ['languages', /\b(in che lingu\w*|quali lingu\w*|parlano (inglese|francese|arabo|spagnolo)|parlate (inglese|francese|arabo|spagnolo)|mediator\w*|what languages|which languages|speak (english|french|arabic|spanish)|in english)\b/],
  ['language', /\b(in inglese|in italiano|in (?:che|quale) lingua|che lingua|lingua del corso|taught in|in english|in which language|what language|which language|language of)\b/],
  ['sponsors', /\b((chi|quali|quante|che) (sono )?(le )?(imprese|aziende) madrin\w*|(imprese|aziende) madrine (sono|ci sono|ha|hanno|di|del|della|dell)|sponsor companies|who sponsors|which companies|partner companies|quali aziende|quali imprese)\b/],
  ['provider', /\b(chi (lo |la |li |le |ci )?(organizza|tiene|fa|gestisce|eroga|conduce)|chi (lo|la|li|le|ci) (segue|seguono|guida|accompagna)|who (leads|supervises|guides|is in charge)|ente|quale ente|chi (lo |la )?propone|organizzat\w*|who (runs|organi[sz]es|teaches|holds|provides|offers)|which (organi[sz]ation|institution|school|centre|center)|provides|provider|organi[sz]er)\b/],
  ['where', /^(?:e |ma |scusa |senti )?(dove|where)\b|\b(dove (si trova|si tiene|si svolge|si fa|e|sono|sta|stanno|si trovano|c e|ce)|dov e|in (?:che|quale) (via|sede|posto|comune|paese|citta)|in which (town|city|comune)|(what|which) (town|city)|indirizzo|sede del corso|where (is|are|s|do|does|will)|address|location|located|which site|what site)\b/],
  ['howto', /\b(da dove (?:comincio|inizio|parto|cominciare|iniziare|partire)|where (?:do|should) i (?:start|begin)|where to start|(?:do|does) (?:i|we|one) need to (?:book|register|sign up|enrol|enroll)|serve prenotare|bisogna prenotare|va prenotat\w*|si prenota|(?:do|can|should|must) (?:i|we) (?:sign up|register|apply|enrol|enroll|book)(?: (?:ourselves|myself))?|(?:ci|mi) (?:iscriviamo|iscrivo) (?:noi|io|da sol[oi])|chi (?:ci )?iscrive|come (faccio|si fa|mi iscrivo|ci si iscrive|si iscrive|si iscrivono|ci iscriviamo|iscriversi|iscrivermi|si accede|accedo|partecipo|si partecipa|funziona|posso iscrivermi|candidarsi|candidarmi|ci si candida|richiedo|si richiede|si prenota|prenoto)|how (do|can) (i|we|you) (apply|enrol|enroll|register|join|sign up|take part|access|get it|book)|how does it work|how to (apply|enrol|enroll|register|join|book))\b/],
  ['what', /\b(che tipo di (scuola|istituto|corso|servizio|sede)|che scuola e|di che (tipo|grado)|what (kind|type) of (school|course|service|place)|cos e|cosa e|che cos e|che cosa e|di cosa si tratta|cosa si fa|cosa fate|in cosa consiste|spiegami|what is|what s|what are|what does it|what do you do)\b/],
];

/**
 * Words that ask a fact of a record in focus ("è online?", "è per principianti?") but narrow a
 * search when something else is named ("corsi online di coding", "corso per principianti").
 */
export const FILTER_LIKE: ReadonlySet<Attribute> = new Set<Attribute>(['mode', 'level', 'language', 'free', 'certificate']);

/**
 * A certificate asked about rather than wanted ("che attestato si ottiene?", "rilascia un
 * attestato?", "what certificate do I get?"): a fact of the record, never a filter.
 */
export const ASKS_CERTIFICATE = /\b(che|quale|what|which) (attestat\w*|certificat\w*|qualifica|titolo|diploma)\b|\brilascia(no)? (un |una |l |il )?(attestat\w*|certificat\w*|qualifica|titolo|diploma|open badge)\b|\b(cosa|what) (si ottiene|ottengo|mi danno|do i get|do i receive|will i get)\b|\b(receive|get) at the end\b/;

/** The attributes a message asks about, in the order they appear in the patterns; with what said them. */
export function askedAttributes(folded: string): { attributes: Attribute[]; phrases: string[] } {
  const attributes: Attribute[] = [];
  const phrases: string[] = [];
  let rest = ` ${folded} `;
  for (const [attribute, re] of PATTERNS) {
    const all = [...rest.matchAll(new RegExp(re.source, 'g'))].map((m) => m[0]);
    if (all.length === 0) continue;
    attributes.push(attribute);
    for (const phrase of all) {
      phrases.push(phrase);
      rest = rest.replace(phrase, ' ');
    }
  }
  return { attributes: dedupe(attributes), phrases };
}

function dedupe(list: Attribute[]): Attribute[] {
  const out = [...new Set(list)];
  // "quando inizia e che giorno" asks start and schedule; "a che ora apre" is opening hours only.
  if (out.includes('hours') && out.includes('schedule')) out.splice(out.indexOf('schedule'), 1);
  if (out.includes('appointment') && out.includes('duration')) out.splice(out.indexOf('duration'), 1);
  if (out.includes('end') && out.includes('start')) out.splice(out.indexOf('start'), 1);
  if (out.includes('deadline') && out.includes('start')) out.splice(out.indexOf('start'), 1);
  if (out.includes('bring') && out.includes('documents')) out.splice(out.indexOf('documents'), 1);
  return out;
}
