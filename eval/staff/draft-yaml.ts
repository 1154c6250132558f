import type { Lang } from '../../domain/message.js';
import type { DraftCase, DraftTurn } from './draft-cases.js';

const TEXTS = {
  it: {
    header: (n: number, since?: string) => [
      `Bozze di casi di valutazione: ${n} ${n === 1 ? 'risposta' : 'risposte'} da conversazioni con un riscontro negativo o una richiesta di una persona${since ? ` dal ${since}` : ''}.`,
      'I dati personali sono sostituiti da segnaposto (<nome>, <telefono>, <email>, <indirizzo>, <codice-prenotazione>, …).',
      'Per ogni caso: leggi la conversazione, scrivi sotto l’ultimo turno cosa deve fare una buona risposta (expect),',
      'togli il commento, dai un id che dica il tema e sposta il caso in eval/cases/sample/ o eval/cases/shared/.',
    ],
    none: 'Nessuna conversazione con un riscontro negativo o una richiesta di una persona nel periodo.',
    description: (c: DraftCase) =>
      c.firstAsk
        ? `Ha chiesto subito una persona (${c.channel}, ${c.date})`
        : c.from.length === 2
          ? `Risposta giudicata sbagliata, poi ha chiesto una persona (${c.channel}, ${c.date})`
          : c.from[0] === 'feedback'
            ? `Risposta giudicata sbagliata (${c.channel}, ${c.date})`
            : `Dopo questa risposta ha chiesto una persona (${c.channel}, ${c.date})`,
    bad: (t: DraftTurn) => `La risposta da rivedere (${t.intent}, fonti: ${t.cited.join(', ') || 'nessuna'}):`,
    answered: (t: DraftTurn) => `risposta: ${t.intent}${t.cited.length ? `, fonti ${t.cited.join(', ')}` : ''}`,
    todo: 'TODO: scrivi cosa deve fare una buona risposta, cancella le righe che non servono, poi togli il commento.',
    notCites: 'fonti che non deve citare',
    notSays: 'ciò che non deve dire (una data o un indirizzo sbagliato)',
    location: 'Qui la persona ha condiviso la sua posizione: un caso non può rifarlo.',
    empty: 'Qui è arrivato un messaggio vuoto.',
  },
  en: {
    header: (n: number, since?: string) => [
      `Draft eval cases: ${n} ${n === 1 ? 'answer' : 'answers'} from conversations with negative feedback or a request for a person${since ? ` since ${since}` : ''}.`,
      'Personal data is replaced by placeholders (<nome> name, <telefono> phone, <email>, <indirizzo> address, <codice-prenotazione> booking code, …).',
      'For each case: read the conversation, write under the last turn what a good answer must do (expect),',
      'uncomment it, give it an id that says its topic and move it into eval/cases/sample/ or eval/cases/shared/.',
    ],
    none: 'No conversation with negative feedback or a request for a person in the period.',
    description: (c: DraftCase) =>
      c.firstAsk
        ? `Asked for a person straight away (${c.channel}, ${c.date})`
        : c.from.length === 2
          ? `Answer judged wrong, then asked for a person (${c.channel}, ${c.date})`
          : c.from[0] === 'feedback'
            ? `Answer judged wrong (${c.channel}, ${c.date})`
            : `Asked for a person after this answer (${c.channel}, ${c.date})`,
    bad: (t: DraftTurn) => `The answer to review (${t.intent}, sources: ${t.cited.join(', ') || 'none'}):`,
    answered: (t: DraftTurn) => `answered: ${t.intent}${t.cited.length ? `, sources ${t.cited.join(', ')}` : ''}`,
    todo: 'TODO: write what a good answer must do, delete the lines you do not need, then uncomment it.',
    notCites: 'sources it must not cite',
    notSays: 'what it must not say (a wrong date or address)',
    location: 'Here the person shared their location: a case cannot replay it.',
    empty: 'Here an empty message arrived.',
  },
} satisfies Record<Lang, unknown>;

/** Half of an emoji cut off: no valid UTF-8, so it is replaced before writing. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** A JSON string is a YAML double-quoted scalar. */
const quote = (s: string) => JSON.stringify(wellFormed(s));

/** Comment lines: whatever the text holds, no line of it can end the comment. */
function comment(indent: string, lines: readonly string[]): string[] {
  return lines
    .flatMap((l) => wellFormed(l).replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ').split('\n'))
    .map((l) => `${indent}#${l ? ` ${l}` : ''}`.trimEnd());
}

/** Uncommented with every TODO filled in (and the lines not needed deleted), it is a valid `expect`. */
function skeleton(t: DraftTurn, lang: Lang): string[] {
  const T = TEXTS[lang];
  return [
    'expect:',
    `  intent: TODO            # ${t.intent}`,
    `  cites: [TODO]           # ${t.cited.join(', ') || '-'}`,
    `  not_cites: [TODO]       # ${T.notCites}`,
    '  says: [TODO]',
    `  not_says: [TODO]        # ${T.notSays}`,
    '  dont_know: false',
    '  offers_person: false',
    ...(['book', 'cancel'].includes(t.intent) ? ['  booking: TODO           # created | waitlisted | cancelled | none'] : []),
  ];
}

/** The drafts as a YAML file in the case format of eval/cases/README.md, expectations as commented TODOs. */
export function draftsYaml(cases: readonly DraftCase[], lang: Lang, since?: string): string {
  const T = TEXTS[lang];
  const out: string[] = [...comment('', T.header(cases.length, since))];
  if (cases.length === 0) return [...out, ...comment('', [T.none]), 'cases: []', ''].join('\n');
  out.push('cases:');
  for (const c of cases) {
    out.push(`  - id: ${c.id}`, `    description: ${quote(T.description(c))}`, `    tags: [${c.tags.map(quote).join(', ')}]`, `    locale: ${c.lang}`, '    turns:');
    c.turns.forEach((t, i) => {
      const last = i === c.turns.length - 1;
      if (t.omitted) out.push(...comment('      ', [t.omitted === 'location' ? T.location : T.empty]));
      else out.push(t.say !== undefined ? `      - say: ${quote(t.say)}` : `      - action: ${quote(t.action ?? '')}`);
      if (!last) {
        if (t.omitted) return;
        out.push(...comment('        ', [T.answered(t)]));
        return;
      }
      out.push(...comment('        ', [T.bad(t), ...t.answer.map((l) => `  ${l}`), T.todo]), ...comment('        ', skeleton(t, lang)));
    });
  }
  return `${out.join('\n')}\n`;
}
