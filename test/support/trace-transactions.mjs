// Preloaded with `node --import` by tests that need to know where a spawned `orienta` is: it writes
// one line to stderr when a PGlite transaction begins, after each statement inside it, and when it
// commits or rolls back. It only observes; nothing the command does is changed.
import { PGlite } from '@electric-sql/pglite';

const original = PGlite.prototype.transaction;
let count = 0;

PGlite.prototype.transaction = async function traced(callback) {
  const id = ++count;
  const say = (text) => process.stderr.write(`[tx ${id}] ${text}\n`);
  say('begin');
  try {
    const result = await original.call(this, async (tx) => {
      const query = tx.query.bind(tx);
      let statements = 0;
      tx.query = async (...args) => {
        const rows = await query(...args);
        say(`statement ${++statements}`);
        return rows;
      };
      return callback(tx);
    });
    say('committed');
    return result;
  } catch (error) {
    say('rolled back');
    throw error;
  }
};
