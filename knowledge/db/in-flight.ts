/**
 * Starts one statement per item without waiting for the previous one, keeping at most `depth` in
 * flight: the caller prepares batch n+1 (items may be made as they are taken) while a PostgreSQL
 * server writes batch n; a transaction runs them in the order posted. Results come back in item
 * order. After a failure, in a statement or in making an item, nothing more is started, and the
 * first error is thrown once every started statement has settled, so none is left running behind
 * the caller's back.
 */
/** Statements kept in flight by the catalogue's loads: enough to keep the store busy, few enough to bound memory. */
export const LOAD_DEPTH = 3;

export async function inFlight<T, R>(items: Iterable<T>, depth: number, start: (item: T) => Promise<R>): Promise<R[]> {
  const started: Promise<R>[] = [];
  let failure: { error: unknown } | undefined;
  const watch = (p: Promise<R>) =>
    p.catch((error: unknown) => {
      failure ??= { error };
    });
  try {
    for (const item of items) {
      if (failure) break;
      if (started.length >= depth) await watch(started[started.length - depth]!);
      if (failure) break;
      const p = start(item);
      started.push(p);
      void watch(p);
    }
  } catch (error) {
    failure ??= { error };
  }
  const settled = await Promise.allSettled(started);
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
