import { understandQuery, type ComuneName } from '../../knowledge/search/query-understanding.js';
import { fold } from '../../text/normalize.js';
import { redact } from '../../text/redact.js';
import { STOPWORDS } from '../../text/stopwords.js';

export interface QuestionContext {
  comuni: readonly ComuneName[];
  /** Word pairs of catalogue names that redaction keeps (text/redact.ts keepPairs). */
  keep: ReadonlySet<string>;
}

export interface Question {
  /** The question with personal data replaced, as staff may read it. */
  redacted: string;
  /** The topical words, folded: what was searched for ("saldatura subacquea"), '' when none. */
  subject: string;
  /** The comune the question names: as a place ("a Viadana", "vicino a Suzzara") or just a word. */
  comune?: { code: string; name: string };
  /** Kinds of record the words point to ("corso", "scuola"). */
  kinds: string[];
  /** Words of a request about training, work or the network: a real question even when it was read as out of scope. */
  asks: boolean;
}

/** Words of the request itself, not of its subject: "cerco un corso di saldatura" is about "saldatura". */
const NOT_SUBJECT = new Set(
  ('corso corsi course courses cerco cercavo cerca cercare trovare trovo sapere info informazioni informazione vorrei voglio vorremmo ' +
    'interessa interessato interessata interessano esiste esistono ci sono qualche qualcosa qualcuno ciao buongiorno buonasera salve grazie ' +
    'favore dimmi sai mi potete potreste serve servono looking look find search tell know need want there any anything something hello hi thanks ' +
    'per favore quali quale dove quando come cosa which where when what how is are be offer offerte offrite avete fate ' +
    // Around the personal data people add: "chiamatemi al …", "cf …", "abito in …".
    'chiamatemi chiamami contattatemi contattami scrivetemi scrivimi richiamatemi abito vivo residente cf codice fiscale tel cell cellulare ' +
    'telefono numero email mail call contact live chiamo chiama nome cognome name').split(' '),
);

/** Training and work words: "pilota di droni?" classified out of scope is still demand, "che tempo fa" is not. */
const DEMAND = new Set(
  ('corso corsi course courses formazione training lavoro lavorare job jobs work impiego tirocinio tirocini stage internship apprendistato ' +
    'diploma qualifica attestato certificato certificazione patentino scuola scuole school istituto laboratorio lab fablab iscrizione iscrivermi ' +
    'iscriversi enrol enroll imparare learn studiare study orientamento curriculum cv colloquio interview bando bandi impresa startup ' +
    'disoccupato disoccupata unemployed stranieri foreigners lezioni lezione lessons class classe').split(' '),
);

const PLACEHOLDERS = /<[a-z-]+>/g;

/** Reads a question for grouping: its subject, the comune it names, whether it asks for training or work. */
export function readQuestion(text: string, today: string, ctx: QuestionContext): Question {
  const redacted = redact(text, { keep: ctx.keep });
  const parsed = understandQuery(redacted.replace(PLACEHOLDERS, ' '), today, ctx.comuni);
  const place = parsed.filters.comune ?? parsed.filters.near ?? parsed.preferComuni[0];
  const comuneWords = new Set(ctx.comuni.filter((c) => c.code === place?.code).flatMap((c) => [c.folded, ...c.aliases]).flatMap((n) => n.split(' ')));
  const words = fold(parsed.literal)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w) && !NOT_SUBJECT.has(w) && !comuneWords.has(w));
  const f = parsed.filters;
  const asks =
    parsed.preferKinds.length > 0 ||
    // A date alone is no request for training: "che tempo fa domani?".
    !!(f.freeOnly || f.online || f.openForEnrolment || f.level || f.audience?.length) ||
    fold(redacted).split(' ').some((w) => DEMAND.has(w));
  return {
    redacted,
    subject: [...new Set(words)].slice(0, 6).join(' '),
    ...(place ? { comune: { code: place.code, name: place.name } } : {}),
    kinds: parsed.preferKinds,
    asks,
  };
}
