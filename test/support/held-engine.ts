import type { Engine } from '../../bot/engine.js';

/**
 * The engine with its turns held at the door until `release()`: a turn in flight for as long as a
 * test needs one (a shutdown under way, a copy arriving meanwhile). `arrived` resolves when the
 * first turn reaches the engine.
 */
export function heldEngine(engine: Engine): { engine: Engine; arrived: Promise<void>; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const held = new Proxy(engine, {
    get(target, property) {
      if (property === 'handle') {
        return async (...args: Parameters<Engine['handle']>) => {
          arrive();
          await gate;
          return target.handle(...args);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine: held, arrived, release };
}
