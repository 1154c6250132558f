/**
 * Sentences in which the assistant says it did something with consequences. Nothing is ever booked
 * or cancelled inside a model turn (the user confirms in the next one), so such a claim is false by
 * construction, whatever the records say. Offers and questions ("vuoi che prenoti?", "once you
 * confirm I will book"), and recording a request ("ho registrato la tua richiesta"), are not claims.
 */
const CLAIMS: RegExp[] = [
  // ho prenotato, abbiamo già riservato, ti ho iscritto, l'ho prenotato, ho cancellato
  /(?<!\bnon\s)(?<!\bnon\s(?:ti|vi|lo|la|li|le)\s)(?<!\p{L})(?:(?:ti|vi|lo|la|li|le|l')\s?)?(?:ho|abbiamo)\s+(?:già\s+|appena\s+)?(?:prenotat|riservat|iscritt|cancellat|annullat|disdett)\w*/giu,
  // la prenotazione è stata confermata / effettuata, iscrizione completata
  /(?<!\p{L})(?:prenotazione|iscrizione|disdetta|cancellazione)\s+(?:è\s+)?(?:stata\s+)?(?:confermata|effettuata|completata|eseguita|fatta|annullata|cancellata)\b/giu,
  // sei iscritto, siete stati prenotati
  /(?<!\bnon\s)(?<!\p{L})(?:sei|siete)\s+(?:ora\s+|già\s+)?(?:stat[oaie]\s+)?(?:iscritt[oaie]|prenotat[oaie])\b/giu,
  // è stato prenotato; not "è riservato ai residenti", which is what a course says about itself
  /(?<!\bnon\s)(?<!\p{L})(?:è|e')\s+(?:già\s+)?stat[oaie]\s+(?:prenotat[oaie]|riservat[oaie]|cancellat[oaie]|annullat[oaie])\b/giu,
  // I've booked, I have reserved, we booked, I cancelled
  /(?<!\bnot\s)\b(?:I|we)(?:'ve|\s+have)?\s+(?:already\s+|just\s+)?(?:booked|reserved|enrolled|cancelled|canceled)\b/gi,
  // you are booked / enrolled, you've been registered
  /\byou(?:'re|\s+are|'ve\s+been|\s+have\s+been)\s+(?:now\s+)?(?:booked|enrolled|registered|signed\s+up)\b/gi,
  // booking confirmed, your reservation has been made
  /\b(?:booking|reservation|enrolment|enrollment|registration|cancellation)\s+(?:is\s+|has\s+been\s+)?(?:confirmed|completed|made|done|cancelled|canceled)\b/gi,
  // has been booked / cancelled ("reserved for schools" is how a record describes itself)
  /\b(?:has|have)\s+been\s+(?:booked|cancelled|canceled)\b/gi,
];

export function findActionClaims(text: string): string[] {
  const found: string[] = [];
  for (const re of CLAIMS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) found.push(m[0]);
  }
  return found;
}
