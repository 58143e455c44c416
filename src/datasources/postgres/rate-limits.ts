// The shared counter behind request limits: one row per key and window in `rate_limits` (the table
// rate-limiter-flexible also uses, with keys of our own prefix), taken in leases of several points.
import type { Executor } from './db.js';

export interface LeaseStore {
  /**
   * Adds `points` to the key's count in its current window (opening a new one of `windowMs` if it
   * ended); the new total and the window's end.
   */
  take(key: string, points: number, windowMs: number, now: number): Promise<{ total: number; expire: number }>;
}

export function postgresLeaseStore(db: Executor): LeaseStore {
  return {
    async take(key, points, windowMs, now) {
      const [row] = await db.query<{ points: number; expire: string }>(
        `INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET
           points = CASE WHEN rate_limits.expire <= $4 THEN $2 ELSE rate_limits.points + $2 END,
           expire = CASE WHEN rate_limits.expire <= $4 THEN $3 ELSE rate_limits.expire END
         RETURNING points, expire`,
        [key, points, now + windowMs, now],
      );
      return { total: row!.points, expire: Number(row!.expire) };
    },
  };
}
