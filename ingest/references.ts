import type { Sql } from '../knowledge/db/database.js';
import type { Catalogue } from '../domain/model/index.js';
import type { Problem } from './problems.js';
import type { SourceBatch } from './records.js';

/** Codes that exist, in the store or in the batch being written. */
interface Known<T = Lookup> {
  comuni: T;
  sites: T;
  courses: T;
  refs: T;
}
type Lookup = { has(code: string): boolean };

async function inStore(tx: Sql): Promise<Known<Set<string>>> {
  const ids = async (sql: string) => new Set((await tx.query<{ id: string }>(sql)).map((r) => r.id));
  return {
    comuni: await ids('SELECT code AS id FROM comuni'),
    sites: await ids('SELECT id FROM sites'),
    courses: await ids('SELECT id FROM courses'),
    refs: await ids('SELECT id FROM services UNION SELECT id FROM initiatives'),
  };
}

/** What the store knows plus what the batch (as filtered so far) brings; the store's sets are looked in, not copied (a large catalogue was copied four times). */
function withBatch(store: Known<Set<string>>, records: Partial<Catalogue>): Known {
  const codes = <T>(list: readonly T[] | undefined, code: (r: T) => string) => new Set((list ?? []).map(code));
  const either = (...sets: Set<string>[]): Lookup => ({ has: (code) => sets.some((s) => s.has(code)) });
  const sites = codes(records.sites, (s) => s.id);
  const courses = codes(records.courses, (c) => c.id);
  return {
    comuni: either(store.comuni, codes(records.comuni, (c) => c.code)),
    sites: either(store.sites, sites),
    courses: either(store.courses, courses),
    refs: either(store.refs, store.sites, store.courses, sites, courses, codes(records.services, (s) => s.id), codes(records.initiatives, (i) => i.id)),
  };
}

/**
 * Takes out of the batch every record that points to a code nobody knows (a course at site S99,
 * a slot of course C404) and reports it: a record is never written half-linked nor silently dropped.
 * Records whose own dependencies are rejected are rejected in turn (a slot of a rejected course).
 */
export async function checkReferences(tx: Sql, batch: SourceBatch): Promise<{ records: Partial<Catalogue>; problems: Problem[]; rejected: number }> {
  const records: Partial<Catalogue> = { ...batch.records };
  const problems: Problem[] = [];
  let rejected = 0;
  const reject = (kind: string, id: string, field: string, message: string) => {
    rejected++;
    problems.push({ file: batch.source, line: batch.lines?.[`${kind}:${id}`], column: batch.columns?.[field] ?? field, message: `${id}: ${message}` });
  };
  // Parents first, so a rejected site also rejects the courses held there.
  const store = await inStore(tx);
  const k0 = withBatch(store, records);
  records.sites = records.sites?.filter((s) => {
    if (k0.comuni.has(s.comune)) return true;
    reject('site', s.id, 'comune', `comune ${s.comune} is not known; ingest the ISTAT comuni list first or in the same command`);
    return false;
  });
  const k = withBatch(store, records);
  const site = (kind: string, id: string, code: string | undefined, field: string) => {
    if (code === undefined || k.sites.has(code)) return true;
    reject(kind, id, field, `site ${code} is not known; add it to the sites (sedi.csv) or correct the code`);
    return false;
  };
  records.courses = records.courses?.filter((c) => site('course', c.id, c.site, 'site'));
  const courses = withBatch(store, records).courses;
  records.courses = records.courses?.filter((c) => {
    const missing = c.after.filter((a) => !courses.has(a));
    if (missing.length === 0) return true;
    reject('course', c.id, 'after', `comes after ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not known`);
    return false;
  });
  records.services = records.services?.filter((s) => {
    const missing = s.sites.filter((code) => !k.sites.has(code));
    if (missing.length === 0) return true;
    reject('service', s.id, 'sites', `site${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not known`);
    return false;
  });
  records.initiatives = records.initiatives?.filter((i) => site('initiative', i.id, i.site, 'site'));
  const refs = withBatch(store, records);
  records.slots = records.slots?.filter((s) => {
    if (!site('slot', s.id, s.site, 'site')) return false;
    if (refs.refs.has(s.ref)) return true;
    reject('slot', s.id, 'ref', `refers to ${s.ref}, which is not a known course, service, initiative or site`);
    return false;
  });
  return { records, problems, rejected };
}
