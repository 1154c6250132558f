import { titleOf } from '../../bot/answer/records.js';
import type { CatalogueReader } from '../../domain/ports.js';
import { comuneVocabulary } from '../../knowledge/search/query-understanding.js';
import { keepPairs } from '../../text/redact.js';
import type { DemandContext } from './demand.js';

/**
 * What staff review reads from the catalogue: the comuni questions name, the names redaction must
 * keep (schools named after people, towns named after saints), and where a record is held.
 */
export async function reviewContext(catalogue: CatalogueReader): Promise<DemandContext> {
  const vocabulary = await catalogue.vocabulary();
  const comuni = comuneVocabulary(vocabulary.comuni);
  const names = new Map(vocabulary.comuni.map((c) => [c.code, c.name]));
  return {
    comuni,
    keep: keepPairs([...vocabulary.records.map((r) => r.title), ...vocabulary.comuni.map((c) => c.name)]),
    async records(refs) {
      const found = await catalogue.withContext(refs as Parameters<CatalogueReader['withContext']>[0], new Date(0).toISOString());
      const out = new Map<string, { title: string; comune?: { code: string; name: string } }>();
      for (const [key, r] of found.records) {
        // A service offered at several sites has no one comune.
        const siteIds = r.kind === 'site' ? [r.record.id] : r.kind === 'course' ? [r.record.site] : r.kind === 'initiative' && r.record.site ? [r.record.site] : r.kind === 'service' ? r.record.sites : [];
        const code = siteIds.length === 1 ? (r.kind === 'site' ? r.record.comune : found.sites.get(siteIds[0]!)?.comune) : undefined;
        const name = code ? names.get(code) : undefined;
        out.set(key, { title: titleOf(r), ...(code && name ? { comune: { code, name } } : {}) });
      }
      return out;
    },
  };
}
