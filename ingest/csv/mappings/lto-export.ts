import { eachOf, firstMatch, oneOf } from '../keywords.js';
import { col, type Combined, type CsvMapping } from '../mapping.js';
import { date, decimal, integer, isError, list, price, priceWithNote, text, textOrNone, time, yesNo } from '../parse-values.js';
import { nextDay, romeDateTime } from '../rome-time.js';
import { audienceOf, comuneByName, minAgeOf } from './lto-shared.js';
import { INITIATIVE_KIND, LANGUAGE, LEVEL, MODE, SERVICE_CATEGORY, SITE_KIND, SLOT_KIND } from './lto-vocabulary.js';

/** The LTO office's catalogue export: five spreadsheets saved as CSV (see ../shared/data/README.md). */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const ltoSedi: CsvMapping<'site'> = {
  name: 'lto-sedi',
  kind: 'site',
  title: 'the LTO sites export (sedi.csv)',
  identify: ['Codice sede', 'Nome sede', 'Indirizzo', 'Comune'],
  idField: 'id',
  fields: {
    id: col('Codice sede', text, { required: true }),
    name: col('Nome sede', text, { required: true }),
    provider: col('Ente', text, { required: true }),
    schoolCode: col('Codice meccanografico', text, { then: (v) => ({ value: v.toUpperCase() }) }),
    address: col('Indirizzo', text, { required: true }),
    postcode: col('CAP', text),
    comune: col('Comune', text, { required: true, then: comuneByName }),
    hours: col('Orari di apertura', text),
    accessibility: col('Accessibilità', text),
    directions: col('Come arrivare', text),
    description: col('Note', text),
  },
  combine: [
    {
      from: ['Nome sede', 'Ente', 'Codice meccanografico'],
      // The export has no "kind" column: the name and the institution say it ("Centro per l'Impiego
      // di Suzzara", "C.P.I.A."); a site hosted by a school that matches nothing else is its lab.
      build: (c): Combined => {
        const kind = firstMatch(`${c['Nome sede']} ${c['Ente']}`, SITE_KIND) ?? (c['Codice meccanografico'] ? 'school_lab' : 'other');
        return { value: { kind } };
      },
    },
    {
      from: ['Laboratori', 'Attrezzature', 'Capienza laboratorio'],
      // One equipment list and one capacity per row: the export describes the site's lab space as
      // a whole, without saying which equipment belongs to which area, so the areas stay together
      // as that one lab's name instead of an invented split.
      build: (c): Combined => {
        const areas = list(c['Laboratori']!);
        const equipment = list(c['Attrezzature']!);
        const capacity = integer(c['Capienza laboratorio']!);
        if (isError(capacity)) return { error: capacity.error, column: 'Capienza laboratorio' };
        if (isError(areas) || isError(equipment)) return { value: {} };
        if (!areas.value && !equipment.value && capacity.value === undefined) return { value: { labs: [] } };
        const lab = { name: areas.value?.join(', ') ?? 'Laboratorio', equipment: equipment.value ?? [], capacity: capacity.value };
        return { value: { labs: [lab] } };
      },
      columnOf: { labs: 'Laboratori' },
    },
    {
      from: ['Email', 'Telefono'],
      build: (c): Combined => {
        const mail = c['Email']!.toLowerCase();
        if (mail && !EMAIL.test(mail)) return { error: `"${c['Email']}" is not an email address`, column: 'Email' };
        return { value: { contacts: { phone: c['Telefono'] || undefined, email: mail || undefined } } };
      },
      columnOf: { contacts: 'Telefono' },
    },
  ],
};

export const ltoCorsi: CsvMapping<'course'> = {
  name: 'lto-corsi',
  kind: 'course',
  title: 'the LTO courses export (corsi.csv)',
  identify: ['Codice corso', 'Titolo', 'Codice sede', 'Data inizio'],
  idField: 'id',
  fields: {
    id: col('Codice corso', text, { required: true }),
    title: col('Titolo', text, { required: true }),
    provider: col('Ente erogatore', text, { required: true }),
    site: col('Codice sede', text, { required: true }),
    topic: col('Area tematica', text, { required: true }),
    level: col('Livello', text, { required: true, then: oneOf(LEVEL, 'level') }),
    mode: col('Modalità', text, { required: true, then: oneOf(MODE, 'mode') }),
    hours: col('Durata (ore)', decimal),
    startDate: col('Data inizio', date, { required: true }),
    endDate: col('Data fine', date, { required: true }),
    schedule: col('Giorni e orari', text),
    seats: col('Posti', integer),
    enrolmentDeadline: col('Scadenza iscrizioni', date),
    certificate: col('Certificazione', textOrNone),
    prerequisites: col('Requisiti', textOrNone),
    description: col('Descrizione', text, { required: true }),
    language: col('Lingua', text, { then: oneOf(LANGUAGE, 'language') }),
  },
  combine: [
    audienceOf('Destinatari'),
    minAgeOf('Requisiti', 'Destinatari'),
    {
      from: ['Costo'],
      build: (c): Combined => {
        const cell = c['Costo']!.trim();
        const p = priceWithNote(cell);
        if (!cell) return { error: 'required, but the cell is empty (write "Gratuito" or a price)', column: 'Costo' };
        // Fees that depend on something ("Tasse universitarie secondo reddito") stay words, never an invented amount.
        if (isError(p)) return /\d/.test(cell) ? { error: p.error, column: 'Costo' } : { value: { costNote: cell } };
        if (!p.value) return { error: 'required, but the cell is empty (write "Gratuito" or a price)', column: 'Costo' };
        return { value: { cost: p.value.amount, costNote: p.value.note } };
      },
    },
  ],
};

export const ltoServizi: CsvMapping<'service'> = {
  name: 'lto-servizi',
  kind: 'service',
  title: 'the LTO services export (servizi.csv)',
  identify: ['Codice servizio', 'Nome servizio', 'Sedi'],
  idField: 'id',
  fields: {
    id: col('Codice servizio', text, { required: true }),
    title: col('Nome servizio', text, { required: true }),
    category: col('Tipo', text, { required: true, then: oneOf(SERVICE_CATEGORY, 'type of service') }),
    provider: col('Ente', text, { required: true }),
    sites: col('Sedi', list, { required: true }),
    howToAccess: col('Come accedere', text, { required: true }),
    documents: col('Documenti necessari', list),
    bookable: col('Prenotabile', yesNo),
    appointmentMinutes: col('Durata appuntamento (minuti)', integer),
    cost: col('Costo', price),
    description: col('Descrizione', text, { required: true }),
    languages: col('Lingue', list, { then: eachOf(LANGUAGE, 'language') }),
  },
  combine: [audienceOf('Destinatari')],
};

export const ltoIniziative: CsvMapping<'initiative'> = {
  name: 'lto-iniziative',
  kind: 'initiative',
  title: 'the LTO initiatives export (iniziative.csv)',
  identify: ['Codice', 'Titolo', 'Tipo', 'Data inizio'],
  idField: 'id',
  // The export has no organiser column: what the LTO office lists is the network's own programme.
  constant: { organizer: 'Rete LTO Mantova' },
  fields: {
    id: col('Codice', text, { required: true }),
    title: col('Titolo', text, { required: true }),
    kind: col('Tipo', text, { required: true, then: oneOf(INITIATIVE_KIND, 'type of initiative') }),
    startDate: col('Data inizio', date, { required: true }),
    endDate: col('Data fine', date),
    applicationDeadline: col('Scadenza candidature', date),
    sponsors: col('Imprese madrine', list),
    site: col('Codice sede', text),
    description: col('Descrizione', text, { required: true }),
    howToApply: col('Come partecipare', text),
  },
  combine: [audienceOf('Destinatari')],
};

export const ltoCalendario: CsvMapping<'slot'> = {
  name: 'lto-calendario',
  kind: 'slot',
  title: 'the LTO calendar of bookable slots (calendario.csv)',
  identify: ['Codice slot', 'Riferimento', 'Data', 'Posti'],
  idField: 'id',
  fields: {
    id: col('Codice slot', text, { required: true }),
    kind: col('Tipo', text, { required: true, then: oneOf(SLOT_KIND, 'type of slot') }),
    ref: col('Riferimento', text, { required: true }),
    site: col('Codice sede', text, { required: true }),
    capacity: col('Posti', integer, { required: true }),
    taken: col('Posti occupati', integer),
  },
  combine: [
    {
      from: ['Data', 'Ora inizio', 'Ora fine'],
      columnOf: { start: 'Ora inizio', end: 'Ora fine', allDay: 'Data' },
      build: (c): Combined => {
        const day = date(c['Data']!);
        if (isError(day)) return { error: day.error, column: 'Data' };
        if (!day.value) return { error: 'required, but the cell is empty', column: 'Data' };
        const from = time(c['Ora inizio']!);
        const to = time(c['Ora fine']!);
        if (isError(from)) return { error: from.error, column: 'Ora inizio' };
        if (isError(to)) return { error: to.error, column: 'Ora fine' };
        // A course enrolment is listed by date only: a whole-day slot, midnight to midnight in Mantova.
        if (!from.value && !to.value) {
          return { value: { start: romeDateTime(day.value, '00:00'), end: romeDateTime(nextDay(day.value), '00:00'), allDay: true } };
        }
        if (!from.value) return { error: 'empty while "Ora fine" is set: give both times or neither (whole day)', column: 'Ora inizio' };
        if (!to.value) return { error: 'empty while "Ora inizio" is set: give both times or neither (whole day)', column: 'Ora fine' };
        const start = romeDateTime(day.value, from.value);
        const end = romeDateTime(day.value, to.value);
        if (!start) return { error: `${from.value} does not exist on ${c['Data']} in Italy (the clocks go forward)`, column: 'Ora inizio' };
        if (!end) return { error: `${to.value} does not exist on ${c['Data']} in Italy (the clocks go forward)`, column: 'Ora fine' };
        return { value: { start, end, allDay: false } };
      },
    },
  ],
};

export const LTO_MAPPINGS = [ltoSedi, ltoCorsi, ltoServizi, ltoIniziative, ltoCalendario] as const;
