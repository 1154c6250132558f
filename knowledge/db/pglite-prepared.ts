import { parse, protocol, type PGlite } from '@electric-sql/pglite';

type Serializer = (value: unknown) => unknown;
type BackendMessages = Awaited<ReturnType<PGlite['execProtocolStream']>>;

interface Statement {
  name: string;
  paramTypes: number[];
  /** What Describe said of the rows; absent for statements that return none. */
  rowDescription?: BackendMessages[number];
}

/** Enough for every shape of statement the store sends; the least recently used is closed past it. */
export const PREPARED_CAPACITY = 256;

/**
 * Runs queries as named prepared statements, one per distinct SQL text. PGlite's own `query`
 * parses and plans the text anew each time; in WASM planning the hybrid search costs as much as
 * running it, and a turn sends the same few statements over and over. PostgreSQL keeps each
 * statement's plan (replanned by itself when a table or index it uses changes).
 */
export class PglitePreparedStatements {
  private readonly statements = new Map<string, Statement>();
  private next = 0;
  private plan: 'generic' | 'per-call' = 'per-call';

  constructor(private readonly pglite: PGlite) {}

  /** To be called where no other query runs: inside `runExclusive` or a transaction's turn. */
  async run<T>(text: string, params: readonly unknown[], inTransaction: boolean, plan?: 'generic' | 'per-call'): Promise<T[]> {
    // A SET inside a transaction is undone with it: the mode is only changed outside one.
    if (plan && !inTransaction) await this.planning(plan);
    try {
      return await this.execute<T>(await this.prepare(text), params, inTransaction);
    } catch (error) {
      // A table the statement reads changed its columns ("SELECT *" after a migration): parse it again.
      if ((error as { code?: string }).code !== '0A000' || !String((error as Error).message).includes('cached plan')) throw error;
      await this.forget(text);
      return this.execute<T>(await this.prepare(text), params, inTransaction);
    }
  }

  /**
   * Left to choose, PostgreSQL plans a statement like the search anew at every call (a plan for its
   * very values always looks a little cheaper), and in WASM that planning costs as much as running
   * it. The session's mode changes only when a statement asks for the other one.
   */
  private async planning(plan: 'generic' | 'per-call'): Promise<void> {
    if (plan === this.plan) return;
    await this.send(protocol.serialize.query(`SET plan_cache_mode = ${plan === 'generic' ? 'force_generic_plan' : 'auto'}`));
    this.plan = plan;
  }

  private async execute<T>(statement: Statement, params: readonly unknown[], inTransaction: boolean): Promise<T[]> {
    const serializers = this.pglite.serializers as Record<number, Serializer>;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i]!;
      const serialize = serializers[type];
      return (serialize ? serialize(value) : String(value)) as string | Uint8Array;
    });
    // Bind, execute and sync in one call into the WASM backend: each call costs as much as a small query.
    // The row description was kept from the statement's Describe, so none is asked for here.
    const messages = await this.send(
      protocol.serialize.bind({ statement: statement.name, values: values as string[] }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    if (!inTransaction) await this.pglite.syncToFs();
    return (parse.parseResults(statement.rowDescription ? [statement.rowDescription, ...messages] : messages, this.pglite.parsers)[0]?.rows ?? []) as T[];
  }

  private async prepare(text: string): Promise<Statement> {
    const known = this.statements.get(text);
    if (known) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    const name = `orienta_s${++this.next}`;
    // An error (a syntax error, say) is thrown once the whole buffer, sync included, has run.
    const described = await this.send(protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync());
    const statement: Statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(described),
      rowDescription: described.find((m) => m.name === 'rowDescription'),
    };
    this.statements.set(text, statement);
    if (this.statements.size > PREPARED_CAPACITY) await this.evictOldest();
    return statement;
  }

  private async evictOldest(): Promise<void> {
    await this.forget(this.statements.keys().next().value as string);
  }

  private async forget(text: string): Promise<void> {
    const statement = this.statements.get(text);
    if (!statement) return;
    this.statements.delete(text);
    await this.send(protocol.serialize.close({ type: 'S', name: statement.name }), protocol.serialize.sync());
  }

  /** How many statements are kept prepared (for tests). */
  get size(): number {
    return this.statements.size;
  }

  private send(...messages: Uint8Array[]): Promise<BackendMessages> {
    const buffer = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    let at = 0;
    for (const m of messages) {
      buffer.set(m, at);
      at += m.length;
    }
    return this.pglite.execProtocolStream(buffer, { syncToFs: false });
  }
}
