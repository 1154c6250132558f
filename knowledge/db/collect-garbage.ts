import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, without starting node with --expose-gc (the flag is set just long
 * enough to get the function, as Jest does). Only for moments known to leave a lot of garbage that
 * V8 would otherwise keep for a long time: nothing allocates enough JS objects to trigger it.
 */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  gc();
  // A WASM instance's memory is released by a second pass, once the first has run its finalizers.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}
