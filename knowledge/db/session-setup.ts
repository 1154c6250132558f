/**
 * Settings every session gets when it opens. The trigram thresholds make the index-backed
 * `<%` operator accept partial names ("galilei" in "I.I.S. Galileo Galilei") and typos.
 */
const SETTINGS = { 'pg_trgm.word_similarity_threshold': '0.3', 'pg_trgm.similarity_threshold': '0.3' };

export const SESSION_SETUP = Object.entries(SETTINGS).map(([k, v]) => `SET ${k} = ${v}`);
/** The same as libpq `options`, for drivers that connect over the wire. */
export const SESSION_OPTIONS = Object.entries(SETTINGS).map(([k, v]) => `-c ${k}=${v}`).join(' ');
