// A request limit shared by every API replica that costs no I/O on most requests: each replica takes
// points from the shared counter in leases and spends them locally. Points granted across replicas
// never exceed the budget in a window (a lease is cut to what is left); the price is that points
// leased by one replica and not spent there are missing elsewhere, so a client spread over R
// replicas may be refused up to (lease − 1) × (R − 1) requests before its budget (README: limits).
import type { LeaseStore } from '../datasources/postgres/rate-limits.js';

export class LimitExceeded extends Error {
  constructor(readonly msBeforeNext: number) {
    super('rate limit exceeded');
  }
}

interface Local {
  remaining: number;
  /** The shared counter had nothing left for this window: refuse without asking again. */
  exhausted: boolean;
  /** End of the shared window this lease belongs to (ms since epoch). */
  until: number;
}

export interface LeaseLimiterOptions {
  store: LeaseStore;
  prefix: string;
  budget: number;
  windowMs: number;
  /** Points per lease (Default: budget / 50, between 1 and 50): 1 makes every request a shared write, i.e. exact. */
  lease?: number;
  now?: () => number;
}

export class LeaseLimiter {
  readonly lease: number;
  private readonly local = new Map<string, Local>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private sweepAt = 0;

  constructor(private readonly opts: LeaseLimiterOptions) {
    this.lease = opts.lease ?? Math.min(50, Math.max(1, Math.floor(opts.budget / 50)));
    this.now = opts.now ?? (() => Date.now());
  }

  /** Spends one point for `key`, or throws LimitExceeded with the time until its window ends. */
  async consume(key: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const s = this.local.get(key);
      if (s && s.until > now) {
        if (s.remaining > 0) {
          s.remaining--;
          return;
        }
        if (s.exhausted) throw new LimitExceeded(s.until - now);
        // Spent here; a refill tells whether the window has points left anywhere.
      }
      const pending = this.inflight.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const refill = this.refill(key, now).finally(() => this.inflight.delete(key));
      this.inflight.set(key, refill);
      await refill;
      // Loop: spend from the new lease (or, if it was empty, refuse on the exhausted state).
    }
  }

  private async refill(key: string, now: number): Promise<void> {
    const { total, expire } = await this.opts.store.take(`${this.opts.prefix}:${key}`, this.lease, this.opts.windowMs, now);
    const before = total - this.lease;
    const granted = Math.max(0, Math.min(this.lease, this.opts.budget - before));
    // An expiry at or before now (clocks of replicas disagree) still blocks for a moment, never spins.
    this.local.set(key, { remaining: granted, exhausted: granted === 0, until: Math.max(expire, now + 1) });
    if (now >= this.sweepAt) this.sweep(now);
  }

  /** Forgets leases of ended windows, at most once per window length. */
  private sweep(now: number): void {
    this.sweepAt = now + this.opts.windowMs;
    for (const [k, v] of this.local) if (v.until <= now) this.local.delete(k);
  }
}
