import { col, type Combined, type CsvMapping } from '../mapping.js';
import { email, text, website } from '../parse-values.js';

/**
 * The Ministry's school registry (open data "Anagrafe scuole"), one file for state schools
 * (SCUANAGRAFESTAT…) and one for private ones (SCUANAGRAFEPAR…). The state file has every column
 * of the private one plus the institute's, so detection picks it as the more specific match.
 */

const common = {
  id: col('CODICESCUOLA', text, { required: true, then: (v) => ({ value: v.toUpperCase() }) }),
  name: col('DENOMINAZIONESCUOLA', text, { required: true }),
  address: col('INDIRIZZOSCUOLA', text),
  // The registry's "comune code" is the cadastral (Belfiore) code, e.g. E897, not the ISTAT one.
  cadastralCode: col('CODICECOMUNESCUOLA', text, { required: true, then: (v) => ({ value: v.toUpperCase() }) }),
  comuneName: col('DESCRIZIONECOMUNE', text),
  email: col('INDIRIZZOEMAILSCUOLA', email),
  pec: col('INDIRIZZOPECSCUOLA', email),
  website: col('SITOWEBSCUOLA', website),
};

const identifyCommon = ['CODICESCUOLA', 'DENOMINAZIONESCUOLA', 'CODICECOMUNESCUOLA', 'DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA'];
const bookkeeping = ['ANNOSCOLASTICO', 'AREAGEOGRAFICA', 'REGIONE', 'PROVINCIA', 'CAPSCUOLA'];

export const miurState: CsvMapping<'school'> = {
  name: 'miur-state',
  kind: 'school',
  title: 'the MIUR registry of state schools (SCUANAGRAFESTAT…)',
  identify: [...identifyCommon, 'CODICEISTITUTORIFERIMENTO', 'DESCRIZIONECARATTERISTICASCUOLA'],
  ignore: [...bookkeeping, 'DENOMINAZIONEISTITUTORIFERIMENTO', 'INDICAZIONESEDEDIRETTIVO', 'INDICAZIONESEDEOMNICOMPRENSIVO', 'SEDESCOLASTICA'],
  idField: 'id',
  constant: { state: true },
  fields: {
    ...common,
    institute: col('CODICEISTITUTORIFERIMENTO', text, { then: (v) => ({ value: v.toUpperCase() }) }),
  },
  combine: [
    {
      from: ['DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA', 'DESCRIZIONECARATTERISTICASCUOLA'],
      // Evening courses, prison schools and CPIA centres differ from the ordinary school of the same
      // type only in this column ("PERCORSO II LIVELLO"): kept with the type so they can be found.
      build: (c): Combined => {
        const type = c['DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA']!;
        const feature = c['DESCRIZIONECARATTERISTICASCUOLA']!;
        if (!type) return { error: 'required, but the cell is empty', column: 'DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA' };
        return { value: { type: feature && feature.toUpperCase() !== 'NORMALE' ? `${type} (${feature})` : type } };
      },
    },
  ],
};

export const miurPrivate: CsvMapping<'school'> = {
  name: 'miur-private',
  kind: 'school',
  title: 'the MIUR registry of private (paritarie) schools (SCUANAGRAFEPAR…)',
  identify: identifyCommon,
  ignore: bookkeeping,
  idField: 'id',
  constant: { state: false },
  fields: {
    ...common,
    type: col('DESCRIZIONETIPOLOGIAGRADOISTRUZIONESCUOLA', text, { required: true }),
  },
};

export const MIUR_MAPPINGS = [miurState, miurPrivate] as const;
