/**
 * Starts one statement per item without waiting for the previous one, keeping at most `depth` in
 * flight: the caller prepares batch n+1 while the store writes batch n (PgliteThreadDatabase, or a
 * PostgreSQL connection, runs them in order). Results come back in item order. After a failure
 * nothing more is started; the first error is thrown once every started statement has settled, so
 * none is left running behind the caller's back.
 */
export async function inFlight<T, R>(items: Iterable<T>, depth: number, start: (item: T) => Promise<R>): Promise<R[]> {
  const started: Promise<R>[] = [];
  let failure: { error: unknown } | undefined;
  const watch = (p: Promise<R>) =>
    p.catch((error: unknown) => {
      failure ??= { error };
    });
  for (const item of items) {
    if (failure) break;
    if (started.length >= depth) await watch(started[started.length - depth]!);
    if (failure) break;
    let p: Promise<R>;
    try {
      p = start(item);
    } catch (error) {
      failure ??= { error };
      break;
    }
    started.push(p);
    void watch(p);
  }
  const settled = await Promise.allSettled(started);
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
