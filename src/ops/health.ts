// Liveness and readiness. /healthz says the process is up (nothing else: a database outage must not
// get every pod restarted); /readyz checks what serving needs — database, storage, queue — each
// within a time limit, and names the part that failed. A process shutting down is not ready.

export type PartName = 'database' | 'storage' | 'queue';

export interface ReadinessCheck {
  name: PartName;
  check(): Promise<unknown>;
}

export interface Readiness {
  ready: boolean;
  status: 'ready' | 'unavailable' | 'shutting_down';
  /** The parts that failed (empty when ready). */
  failing: string[];
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

export class Health {
  private shuttingDown = false;

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs = 2000,
  ) {}

  /** From now on readiness fails, so load balancers stop sending traffic here. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<Readiness> {
    if (this.shuttingDown) return { ready: false, status: 'shutting_down', failing: ['shutdown'], checks: {} };
    const results = await Promise.all(
      this.checks.map(async (c) => {
        const t0 = performance.now();
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
            }),
          ]);
          return [c.name, { ok: true, ms: Math.round(performance.now() - t0) }] as const;
        } catch (e) {
          return [c.name, { ok: false, error: describe(e), ms: Math.round(performance.now() - t0) }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const failing = results.filter(([, r]) => !r.ok).map(([n]) => n);
    return { ready: failing.length === 0, status: failing.length ? 'unavailable' : 'ready', failing, checks: Object.fromEntries(results) };
  }
}

/** A short reason without secrets: the error's code and first line (connection strings never appear in pg's messages). */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 200);
  const code = (e as { code?: unknown }).code;
  const inner = e instanceof AggregateError ? e.errors[0] : undefined;
  const message = (e.message || (inner instanceof Error ? inner.message : '') || e.name).split('\n')[0]!.slice(0, 200);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
