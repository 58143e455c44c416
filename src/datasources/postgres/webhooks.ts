// Webhook endpoints, deliveries and attempts. Ownership is part of every endpoint query, so a
// service cannot forget it.
import type { Database, Executor } from './db.js';

export interface WebhookEndpointRow {
  id: string;
  owner_id: string;
  url: string;
  events: string[];
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  event_type: string;
  task_id: string;
  sequence: number;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface WebhookAttemptRow {
  id: number;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error_code: string | null;
  response_excerpt: string | null;
  duration_ms: number;
  at: Date;
}

export interface AttemptRecord {
  attempt: number;
  statusCode: number | null;
  errorCode: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

export class WebhooksRepo {
  constructor(private readonly db: Database) {}

  async insertEndpoint(e: { ownerId: string; url: string; events: string[]; secret: string }): Promise<WebhookEndpointRow> {
    const [row] = await this.db.query<WebhookEndpointRow>(
      'INSERT INTO webhook_endpoints (owner_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING *',
      [e.ownerId, e.url, e.events, e.secret],
    );
    return row!;
  }

  /** ownerId null: any owner (admins). */
  async getEndpoint(id: string, ownerId: string | null): Promise<WebhookEndpointRow | null> {
    const [row] = await this.db.query<WebhookEndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2)',
      [id, ownerId],
    );
    return row ?? null;
  }

  listEndpoints(ownerId: string): Promise<WebhookEndpointRow[]> {
    return this.db.query<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE owner_id = $1 ORDER BY created_at, id', [ownerId]);
  }

  async deleteEndpoint(id: string, ownerId: string | null): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM webhook_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2) RETURNING id', [
      id,
      ownerId,
    ]);
    return rows.length > 0;
  }

  async rotateSecret(id: string, ownerId: string | null, secret: string, graceSeconds: number): Promise<WebhookEndpointRow | null> {
    const [row] = await this.db.query<WebhookEndpointRow>(
      `UPDATE webhook_endpoints
          SET previous_secret = CASE WHEN $4::int > 0 THEN secret END,
              previous_secret_expires_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END,
              secret = $3, updated_at = now()
        WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2) RETURNING *`,
      [id, ownerId, secret, graceSeconds],
    );
    return row ?? null;
  }

  async disableEndpoint(tx: Executor, id: string, reason: string): Promise<void> {
    await tx.query(
      'UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1 AND disabled_at IS NULL',
      [id, reason],
    );
  }

  /** Enabled endpoints of an owner subscribed to any of `types` (inside the transition's transaction). */
  subscribed(tx: Executor, ownerId: string, types: string[]): Promise<Pick<WebhookEndpointRow, 'id' | 'events'>[]> {
    return tx.query(
      'SELECT id, events FROM webhook_endpoints WHERE owner_id = $1 AND disabled_at IS NULL AND events && $2::text[]',
      [ownerId, types],
      'webhooks_subscribed',
    );
  }

  async insertDelivery(
    tx: Executor,
    d: { endpointId: string; eventType: string; taskId: string; sequence: number; payload: string },
  ): Promise<string> {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (endpoint_id, event_type, task_id, sequence, payload, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
      [d.endpointId, d.eventType, d.taskId, d.sequence, d.payload],
    );
    return row!.id;
  }

  /**
   * Claims the next attempt of a pending delivery: counts it before the request goes out, so a
   * worker dying mid-attempt still uses one of the bounded attempts. Null when there is nothing to send.
   */
  async claimAttempt(deliveryId: string): Promise<{ delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow } | null> {
    const [d] = await this.db.query<WebhookDeliveryRow>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = NULL
        WHERE id = $1 AND status = 'PENDING' RETURNING *`,
      [deliveryId],
    );
    if (!d) return null;
    const [e] = await this.db.query<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [d.endpoint_id]);
    return e ? { delivery: d, endpoint: e } : null;
  }

  async recordAttempt(tx: Executor, deliveryId: string, a: AttemptRecord): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error_code, response_excerpt, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [deliveryId, a.attempt, a.statusCode, a.errorCode, a.responseExcerpt, a.durationMs],
    );
  }

  async settle(
    tx: Executor,
    deliveryId: string,
    s: { status: DeliveryStatus; statusCode: number | null; error: string | null; nextAttemptAt: Date | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE webhook_deliveries SET status = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5,
              finished_at = CASE WHEN $2 = 'PENDING' THEN NULL ELSE now() END
        WHERE id = $1`,
      [deliveryId, s.status, s.statusCode, s.error, s.nextAttemptAt],
    );
  }

  recentDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.db.query<WebhookDeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      [endpointId, limit],
    );
  }

  attemptsFor(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    return this.db.query<WebhookAttemptRow>(
      'SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt, id',
      [deliveryIds],
    );
  }
}
