import type { OpenedStore } from '../../knowledge/db/connect.js';
import { currentVersion, loadMigrations } from '../../knowledge/db/migrate.js';
import type { VectorCapability } from '../../knowledge/db/vector.js';

export type Readiness =
  | { ready: true; schema: number; vector: VectorCapability }
  | { ready: false; reason: string; schema?: number; expected?: number; vector: VectorCapability; cause?: string };

const EXPECTED = loadMigrations().at(-1)?.version ?? 0;

/**
 * Ready means a turn can be served: the store answers (within `timeoutMs`, so a hung server does
 * not hang the probe), every migration this code knows is applied, and the vector capability found
 * at start still holds (pgvector dropped since would break every search).
 */
export async function checkReadiness(store: OpenedStore, timeoutMs = 2000): Promise<Readiness> {
  const vector = store.vector;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    const [schema, installed] = await Promise.race([
      Promise.all([currentVersion(store.db), store.db.query<{ vector: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS vector")]),
      timeout,
    ]);
    if (schema < EXPECTED) return { ready: false, reason: `schema ${schema} of ${EXPECTED}: migrations not applied (restart orienta serve to apply them)`, schema, expected: EXPECTED, vector };
    if (schema > EXPECTED) return { ready: false, reason: `schema ${schema} is newer than this Orienta (${EXPECTED}): upgrade Orienta`, schema, expected: EXPECTED, vector };
    if (vector === 'available' && !installed[0]?.vector) return { ready: false, reason: 'the vector extension was removed since start: restart to search without it', schema, vector };
    return { ready: true, schema, vector };
  } catch (error) {
    // The cause (a host, a port) is for the log, not for whoever asks the probe.
    return { ready: false, reason: 'store unreachable', cause: String((error as Error)?.message ?? error).split('\n')[0], vector };
  } finally {
    clearTimeout(timer);
  }
}
