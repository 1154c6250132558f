import { describe, expect, it, vi } from 'vitest';
import { GRACE_MS, MAX_YIELD_MS, SessionGate } from './session-gate.js';

/** A gate on a clock moved by hand, and the order owners were let in. */
function gateAt(start = 1000) {
  let t = start;
  const gate = new SessionGate(() => t);
  const order: string[] = [];
  const ask = (name: string, background = false) => gate.acquire(name, background).then(() => void order.push(name));
  return { gate, order, ask, at: (ms: number) => (t = ms) };
}

describe('the session gate', () => {
  it("lets the process's callers go before a socket client that has just had the store", async () => {
    const { gate, order, ask, at } = gateAt();
    await ask('client', true);
    const other = ask('other client', true);
    const turn = ask('turn');
    at(1100);
    gate.release('client');
    await turn;
    expect(order).toEqual(['client', 'turn']);
    // The turn's next statement, right after its first, still goes first.
    gate.release('turn');
    const next = ask('turn again');
    await next;
    expect(order).toEqual(['client', 'turn', 'turn again']);
    gate.release('turn again');
    at(1100 + GRACE_MS);
    await other;
    expect(order.at(-1)).toBe('other client');
  });

  it('gives a socket client the store back once the callers have had it as long as the client had, even while they keep coming', async () => {
    const { gate, order, ask, at } = gateAt();
    await ask('client', true);
    at(1100);
    const turns = [ask('turn 1'), ask('turn 2'), ask('turn 3')];
    gate.release('client'); // held 100 ms: the callers go first until 1200
    const client = ask('client again', true);
    await turns[0];
    at(1150);
    gate.release('turn 1');
    await turns[1];
    at(1201);
    gate.release('turn 2');
    await client;
    expect(order).toEqual(['client', 'turn 1', 'turn 2', 'client again']);
    gate.release('client again');
    await turns[2];
  });

  it('yields for at most MAX_YIELD_MS after a client held the store for longer', async () => {
    const { gate, order, ask, at } = gateAt();
    await ask('client', true);
    at(1000 + 10 * MAX_YIELD_MS);
    const turn = ask('turn');
    gate.release('client');
    const client = ask('client again', true);
    await turn;
    at(1000 + 11 * MAX_YIELD_MS);
    const late = ask('late turn');
    gate.release('turn');
    await client;
    expect(order).toEqual(['client', 'turn', 'client again']);
    gate.release('client again');
    await late;
  });

  it('gives a waiting socket client the store once the callers are quiet, without waiting for the end of their time', async () => {
    const { gate, order, ask, at } = gateAt();
    await ask('client', true);
    at(1400);
    const turn = ask('turn');
    gate.release('client');
    await turn;
    // The gate's timers and event-loop hops are the test's from here: "not yet" below means that
    // everything the gate had to do while its clock stood still has been done.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    try {
      at(1401);
      gate.release('turn');
      const client = ask('client again', true);
      await vi.advanceTimersByTimeAsync(10 * GRACE_MS);
      expect(order).toEqual(['client', 'turn']);
      at(1401 + GRACE_MS);
      await vi.runAllTimersAsync();
      await client;
      expect(order).toEqual(['client', 'turn', 'client again']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without callers around a socket client gets the store at once; it drops the place of one that went away', async () => {
    const { gate, order, ask } = gateAt();
    await ask('a', true);
    const b = gate.acquire('b', true);
    const c = ask('c', true);
    gate.forget('b', new Error('gone'));
    await expect(b).rejects.toThrow('gone');
    gate.release('a');
    await c;
    expect(order).toEqual(['a', 'c']);
  });
});
