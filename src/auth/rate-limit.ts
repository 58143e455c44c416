// Request limits per IP and per user, counted in Postgres so every API replica shares them.
// If the store is unreachable an in-memory limiter stands in, so limits hold (per process) meanwhile.
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { postgresLeaseStore } from '../datasources/postgres/rate-limits.js';
import { LeaseLimiter, LimitExceeded } from './lease-limiter.js';
import { ipBucket } from './ip.js';
import { sha256 } from './tokens.js';

const accountKey = (email: string) => `acct:${sha256(email.trim().toLowerCase())}`;

type Limiter = { consume(key: string, points?: number): Promise<unknown> };
type Res = { consumedPoints: number; msBeforeNext: number };
type CountingLimiter = Limiter & { get(key: string): Promise<Res | null>; delete(key: string): Promise<unknown> };
const rlf = createRequire(import.meta.url)('rate-limiter-flexible') as {
  RateLimiterPostgres: new (opts: Record<string, unknown>) => CountingLimiter;
  RateLimiterMemory: new (opts: Record<string, unknown>) => Limiter;
  RateLimiterRes: new () => { msBeforeNext: number };
};

export class RateLimits {
  private readonly api: Limiter;
  private readonly authLimiter: Limiter;
  private readonly wsLimiter: Limiter;
  private readonly failures: CountingLimiter;
  private readonly failureBudget: number;

  constructor(pool: pg.Pool, schema: string, http: Config['http'], opts: { now?: () => number; lease?: number } = {}) {
    const make = (keyPrefix: string, points: number, duration = http.rateLimitWindowSeconds) =>
      new rlf.RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        schemaName: schema,
        tableName: 'rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
        insuranceLimiter: new rlf.RateLimiterMemory({ keyPrefix, points, duration }),
      });
    // Every request pays this one: leased from the shared counter, so most requests do no I/O.
    this.api = leased(
      new LeaseLimiter({
        // The pool's search_path names our schema.
        store: postgresLeaseStore({ query: async (sql, params) => (await pool.query(sql, params)).rows }),
        prefix: 'lease:api',
        budget: http.rateLimitPerMinute,
        windowMs: http.rateLimitWindowSeconds * 1000,
        lease: opts.lease,
        now: opts.now,
      }),
      new rlf.RateLimiterMemory({ keyPrefix: 'api', points: http.rateLimitPerMinute, duration: http.rateLimitWindowSeconds }),
    );
    this.authLimiter = make('auth', http.authRateLimitPerMinute);
    this.failureBudget = http.signInFailures.perAccount;
    this.failures = make('signin-fail', http.signInFailures.perAccount, http.signInFailures.windowSeconds);
    // graphql-ws connection_init verifies a credential (a read) per message: leased like requests.
    this.wsLimiter = leased(
      new LeaseLimiter({
        store: postgresLeaseStore({ query: async (sql, params) => (await pool.query(sql, params)).rows }),
        prefix: 'lease:ws',
        budget: http.ws.connectPerMinute,
        windowMs: http.rateLimitWindowSeconds * 1000,
        lease: opts.lease,
        now: opts.now,
      }),
      new rlf.RateLimiterMemory({ keyPrefix: 'ws', points: http.ws.connectPerMinute, duration: http.rateLimitWindowSeconds }),
    );
  }

  /** A WebSocket connection_init: WS_CONNECT_PER_MINUTE per address. */
  async wsConnect(ip: string): Promise<void> {
    await consume(this.wsLimiter, `ip:${ipBucket(ip)}`);
  }

  /** Every GraphQL operation: counted against the address (IPv6 per /64) and, when known, the user. */
  async request(ip: string, userId: string | null): Promise<void> {
    await consume(this.api, `ip:${ipBucket(ip)}`);
    if (userId) await consume(this.api, `user:${userId}`);
  }

  /** signIn / signUp / refreshToken: a much smaller budget per address against credential stuffing. */
  async auth(ip: string): Promise<void> {
    await consume(this.authLimiter, `ip:${ipBucket(ip)}`);
  }

  /**
   * Before checking a password: RATE_LIMITED while the account (known or not: the answer must not
   * tell) has AUTH_FAILURES_PER_ACCOUNT failures in the window, whatever address they came from and
   * whether this password is right. Keyed by a hash of the normalised email.
   */
  async signInAllowed(email: string): Promise<void> {
    const res = await this.failures.get(accountKey(email)).catch(() => null);
    if (res && res.consumedPoints >= this.failureBudget) {
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError(ErrorCode.RATE_LIMITED, `too many failed sign-ins for this account; retry in ${retryAfterSeconds} s`, {
        details: { retryAfterSeconds, scope: 'account' },
      });
    }
  }

  /** A wrong password (or unknown email) for the account. */
  async signInFailed(email: string): Promise<void> {
    await this.failures.consume(accountKey(email)).catch(() => {});
  }

  /** A successful sign-in: the account's failures are forgiven. */
  async signInSucceeded(email: string): Promise<void> {
    await this.failures.delete(accountKey(email)).catch(() => {});
  }
}

/** A lease limiter in rate-limiter-flexible's shape; the in-memory limiter stands in while the store is unreachable. */
function leased(limiter: LeaseLimiter, insurance: Limiter): Limiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof LimitExceeded) throw { msBeforeNext: e.msBeforeNext };
        return insurance.consume(key);
      }
    },
  };
}

async function consume(limiter: Limiter, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof Error) throw e;
    const retryAfterSeconds = Math.max(1, Math.ceil(((e as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000));
    throw new AppError(ErrorCode.RATE_LIMITED, `too many requests; retry in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
  }
}
