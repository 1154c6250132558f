import { describe, expect, it } from 'vitest';
import { inFlight } from './in-flight.js';

const later = <T>(ms: number, value: T, fail = false) => new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('inFlight', () => {
  it('keeps at most `depth` statements running and returns results in item order', async () => {
    let running = 0;
    let most = 0;
    const results = await inFlight([30, 5, 20, 1, 10, 2], 3, async (ms) => {
      running++;
      most = Math.max(most, running);
      await later(ms, null);
      running--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure and throws the first error once the started ones have settled', async () => {
    const begun: number[] = [];
    let settledAfter = 0;
    const run = inFlight([1, 2, 3, 4, 5, 6], 2, (n) => {
      begun.push(n);
      return later(n === 2 ? 1 : 20, n, n === 2).finally(() => settledAfter++);
    });
    await expect(run).rejects.toThrow('2');
    // Item 2 fails while item 1 is still running: item 3 is never started.
    expect(begun).toEqual([1, 2]);
    expect(settledAfter).toBe(begun.length);
  });

  it('reports an error thrown while preparing an item, after what was started has settled', async () => {
    let done = 0;
    const run = inFlight([1, 2, 3], 4, (n) => {
      if (n === 3) throw new Error('bad item 3');
      return later(10, n).finally(() => done++);
    });
    await expect(run).rejects.toThrow('bad item 3');
    expect(done).toBe(2);
  });
});

describe('inFlight with items made as they are taken', () => {
  it('waits for the started statements when making the next item throws', async () => {
    let settled = 0;
    function* items() {
      yield 1;
      yield 2;
      throw new Error('could not derive item 3');
    }
    const run = inFlight(items(), 4, (n) => later(15, n).finally(() => settled++));
    await expect(run).rejects.toThrow('could not derive item 3');
    expect(settled).toBe(2);
  });
});
