// Leased request limits on the real shared counter: the budget holds across replicas, most requests
// do no I/O, windows end by the (controlled) clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { createDatabase, type Database } from '../../src/datasources/postgres/db.js';
import { postgresLeaseStore, type LeaseStore } from '../../src/datasources/postgres/rate-limits.js';
import { LeaseLimiter, LimitExceeded } from '../../src/auth/lease-limiter.js';
import { loadConfig } from '../../src/config.js';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = createDatabase({ url: t.url, schema: loadConfig({ DATABASE_URL: t.url }).database.schema });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

/** The real store, counting its round trips. */
function countingStore(): LeaseStore & { calls: number } {
  const real = postgresLeaseStore(db);
  const s = { calls: 0, take: (...a: Parameters<LeaseStore['take']>) => (s.calls++, real.take(...a)) };
  return s;
}

async function spend(limiter: LeaseLimiter, key: string, n: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) {
    try {
      await limiter.consume(key);
      allowed++;
    } catch (e) {
      if (!(e instanceof LimitExceeded)) throw e;
    }
  }
  return allowed;
}

describe('LeaseLimiter', () => {
  it('one replica gets exactly its budget, with one shared write per lease', async () => {
    const store = countingStore();
    const clock = { t: 1_000_000 };
    const l = new LeaseLimiter({ store, prefix: 't1', budget: 100, windowMs: 60_000, lease: 10, now: () => clock.t });
    expect(await spend(l, 'user:a', 100)).toBe(100);
    expect(store.calls).toBe(10);
    await expect(l.consume('user:a')).rejects.toBeInstanceOf(LimitExceeded);
    // Refusals within the window ask the store once, then not again.
    const calls = store.calls;
    expect(await spend(l, 'user:a', 50)).toBe(0);
    expect(store.calls - calls).toBeLessThanOrEqual(1);
    // Another key has its own budget.
    expect(await spend(l, 'user:b', 5)).toBe(5);
  });

  it('across replicas the budget is never exceeded, and at most lease−1 per other replica is lost', async () => {
    const clock = { t: 2_000_000 };
    const replicas = [0, 1, 2].map(() => new LeaseLimiter({ store: postgresLeaseStore(db), prefix: 't2', budget: 100, windowMs: 60_000, lease: 7, now: () => clock.t }));
    // Requests arrive at all replicas at once, in parallel within each.
    const counts = await Promise.all(replicas.map((r) => Promise.all(Array.from({ length: 8 }, () => spend(r, 'ip:1', 10))).then((a) => a.reduce((x, y) => x + y, 0))));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(100);
    expect(total).toBeGreaterThanOrEqual(100 - 6 * 2);
  });

  it('a new window opens when the clock passes the end of the old one', async () => {
    const clock = { t: 3_000_000 };
    const l = new LeaseLimiter({ store: postgresLeaseStore(db), prefix: 't3', budget: 3, windowMs: 10_000, now: () => clock.t });
    expect(await spend(l, 'k', 5)).toBe(3);
    const refused = await l.consume('k').catch((e: LimitExceeded) => e);
    expect(refused).toBeInstanceOf(LimitExceeded);
    expect((refused as LimitExceeded).msBeforeNext).toBe(10_000);
    clock.t += 9_999;
    expect(await spend(l, 'k', 1)).toBe(0);
    clock.t += 1;
    expect(await spend(l, 'k', 5)).toBe(3);
  });

  it('the default lease is a fiftieth of the budget, between 1 and 50', () => {
    const mk = (budget: number) => new LeaseLimiter({ store: postgresLeaseStore(db), prefix: 'x', budget, windowMs: 1000 }).lease;
    expect([mk(10), mk(600), mk(1_000_000)]).toEqual([1, 12, 50]);
  });
});
