// Preloaded with `node --import` by tests that need to know where a spawned `orienta` is: it writes
// one line to stderr when a PGlite transaction begins, after each statement inside it, and when it
// commits or rolls back. It only observes; nothing the command does is changed.
import { PGlite } from '@electric-sql/pglite';

const original = PGlite.prototype.transaction;
const originalExclusive = PGlite.prototype.runExclusive;
let count = 0;
/** The transaction running now: the store sends its statements through runExclusive (as prepared statements). */
let current = null;

PGlite.prototype.runExclusive = async function tracedExclusive(fn) {
  const inside = current;
  const result = await originalExclusive.call(this, fn);
  if (inside) inside.say(`statement ${++inside.statements}`);
  return result;
};

PGlite.prototype.transaction = async function traced(callback) {
  const id = ++count;
  const say = (text) => process.stderr.write(`[tx ${id}] ${text}\n`);
  say('begin');
  try {
    const result = await original.call(this, async (tx) => {
      const state = { say, statements: 0 };
      const query = tx.query.bind(tx);
      tx.query = async (...args) => {
        const rows = await query(...args);
        say(`statement ${++state.statements}`);
        return rows;
      };
      current = state;
      try {
        return await callback(tx);
      } finally {
        current = null;
      }
    });
    say('committed');
    return result;
  } catch (error) {
    say('rolled back');
    throw error;
  }
};
