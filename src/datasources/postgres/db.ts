// The SQL executor every repository takes. A transaction is just another executor, so "write the
// stage's output, move the state, enqueue the next job" can commit together.
import pg from 'pg';

// int8 (counts, sizes) as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Executor {
  /**
   * `name`: a prepared statement (planned once per connection) for hot, fixed single-statement SQL with
   * an explicit column list: a `*` statement, prepared, fails once a migration adds a column ("cached
   * plan must not change result type") on every connection that prepared it before.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
}

export interface Database extends Executor {
  readonly pool: pg.Pool;
  readonly schema: string;
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createDatabase(opts: { url: string; schema: string; max?: number; applicationName?: string }): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'klike',
    // Unqualified names resolve to our schema on every connection.
    options: `-c search_path=${opts.schema},public`,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const exec = (c: pg.Pool | pg.PoolClient): Executor => ({
    query: async <T>(sql: string, params?: unknown[], name?: string) =>
      (await (name ? c.query({ name, text: sql, values: params }) : c.query(sql, params))).rows as T[],
  });
  return {
    pool,
    schema: opts.schema,
    ...exec(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(exec(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
