import { col, type Combined, type CsvMapping } from '../mapping.js';
import { text } from '../parse-values.js';

/**
 * The ISTAT list of comuni ("Elenco dei codici statistici", Latin-1, ";"). Only the codes, the
 * Italian name and the province are used; coordinates come from another source, so they are
 * carried over from the comuni already known rather than dropped by a later ISTAT ingest.
 */
export const istatComuni: CsvMapping<'comune'> = {
  name: 'istat-comuni',
  kind: 'comune',
  title: 'the ISTAT list of comuni',
  identify: ['Codice Comune formato alfanumerico', 'Denominazione in italiano', 'Codice Catastale del comune', 'Sigla automobilistica'],
  ignore: [
    'Codice Regione',
    "Codice dell'Unità territoriale sovracomunale (valida a fini statistici)",
    'Codice Provincia (Storico)(1)',
    'Progressivo del Comune (2)',
    'Denominazione (Italiana e straniera)',
    'Denominazione altra lingua',
    'Codice Ripartizione Geografica',
    'Ripartizione geografica',
    'Denominazione Regione',
    "Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)",
    'Tipologia di Unità territoriale sovracomunale',
    'Flag Comune capoluogo di provincia/città metropolitana/libero consorzio',
    'Codice Comune formato numerico',
    'Codice Comune numerico con 110 province (dal 2010 al 2016)',
    'Codice Comune numerico con 107 province (dal 2006 al 2009)',
    'Codice Comune numerico con 103 province (dal 1995 al 2005)',
    'Codice NUTS1 2010',
    'Codice NUTS2 2010 (3)',
    'Codice NUTS3 2010',
    'Codice NUTS1 2021',
    'Codice NUTS2 2021 (3)',
    'Codice NUTS3 2021',
  ],
  idField: 'code',
  fields: {
    // A spreadsheet may have dropped the leading zeros ("20030"): the code has six digits.
    code: col('Codice Comune formato alfanumerico', text, { required: true, then: (v) => ({ value: /^\d{1,6}$/.test(v) ? v.padStart(6, '0') : v }) }),
    name: col('Denominazione in italiano', text, { required: true }),
    cadastralCode: col('Codice Catastale del comune', text, { required: true, then: (v) => ({ value: v.toUpperCase() }) }),
    province: col('Sigla automobilistica', text, { then: (v) => ({ value: v.toUpperCase() }) }),
  },
  combine: [
    {
      from: ['Codice Comune formato alfanumerico'],
      build: (c, ctx): Combined => {
        const known = c['Codice Comune formato alfanumerico'] ? ctx.comuni.byIstatCode(c['Codice Comune formato alfanumerico']) : undefined;
        return { value: known?.lat !== undefined && known.lon !== undefined ? { lat: known.lat, lon: known.lon } : {} };
      },
    },
  ],
};
