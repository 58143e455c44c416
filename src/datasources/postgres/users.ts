// Users, refresh tokens and API keys: the only SQL about identity.
import type { Database, Executor } from './db.js';
import { TASK_EVENTS_CHANNEL } from './tasks.js';

/**
 * A revoked API key or an ended session (a refresh-token family), announced on the task-events NOTIFY
 * channel (one LISTEN connection per process hears both) as "auth:key:<id>" / "auth:session:<family>":
 * task payloads start with a task id, so no task listener mistakes these for task events.
 */
export interface Revocation {
  kind: 'key' | 'session';
  id: string;
}
const REVOCATION = /^auth:(key|session):([0-9a-f-]{36})$/;

export function parseRevocation(payload: string): Revocation | null {
  const m = REVOCATION.exec(payload);
  return m ? { kind: m[1] as Revocation['kind'], id: m[2]! } : null;
}

export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  role: 'user' | 'admin';
  external_id: string | null;
  created_at: Date;
}

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  token_hash: string;
  family: string;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export class UsersRepo {
  constructor(private readonly db: Database) {}

  async insert(u: {
    email: string;
    passwordHash: string | null;
    role?: 'user' | 'admin';
    externalId?: string | null;
  }): Promise<UserRow | null> {
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users (email, password_hash, role, external_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING *`,
      [u.email, u.passwordHash, u.role ?? 'user', u.externalId ?? null],
    );
    return row ?? null;
  }

  async get(id: string): Promise<UserRow | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return row ?? null;
  }

  /** Local accounts only (Supabase rows sign in through Supabase). */
  async byEmail(email: string): Promise<UserRow | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1) AND external_id IS NULL', [email]);
    return row ?? null;
  }

  /**
   * Supabase mode: the local row mirroring an auth.users id, created on first sight; keyed by the id
   * alone (an email may also sit on the row of a deleted user it once belonged to). Writes only when
   * the row is new or its email changed.
   */
  async upsertExternal(externalId: string, email: string | undefined): Promise<UserRow> {
    const [found] = await this.db.query<UserRow>('SELECT * FROM users WHERE external_id = $1', [externalId]);
    if (found && (!email || found.email === email)) return found;
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users (email, external_id) VALUES ($1, $2)
       ON CONFLICT (external_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()
       WHERE users.email IS DISTINCT FROM EXCLUDED.email RETURNING *`,
      [email || `${externalId}@supabase.invalid`, externalId],
    );
    if (row) return row;
    // A concurrent first request wrote the same row.
    const [again] = await this.db.query<UserRow>('SELECT * FROM users WHERE external_id = $1', [externalId]);
    return again!;
  }

  /** The account that holds the email now: with a re-created Supabase user, the newest row. */
  async setRole(email: string, role: 'user' | 'admin'): Promise<UserRow | null> {
    const [row] = await this.db.query<UserRow>(
      `UPDATE users SET role = $2, updated_at = now() WHERE id = (
         SELECT id FROM users WHERE lower(email) = lower($1) ORDER BY updated_at DESC LIMIT 1
       ) RETURNING *`,
      [email, role],
    );
    return row ?? null;
  }

  async insertRefreshToken(
    t: { userId: string; tokenHash: string; family: string; expiresAt: Date },
    tx: Executor = this.db,
  ): Promise<void> {
    await tx.query('INSERT INTO refresh_tokens (user_id, token_hash, family, expires_at) VALUES ($1, $2, $3, $4)', [
      t.userId,
      t.tokenHash,
      t.family,
      t.expiresAt,
    ]);
  }

  async refreshTokenForUpdate(tx: Executor, tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await tx.query<RefreshTokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
    return row ?? null;
  }

  async revokeRefreshToken(tx: Executor, id: string): Promise<void> {
    await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  /** Ends a session: its refresh tokens stop working, and (announced at commit) its access tokens and live subscriptions. */
  async revokeFamily(family: string): Promise<void> {
    await this.db.query(
      `WITH r AS (UPDATE refresh_tokens SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL RETURNING 1)
       SELECT pg_notify($2, 'auth:session:' || $1::text), (SELECT count(*) FROM r) AS revoked`,
      [family, TASK_EVENTS_CHANNEL],
    );
  }

  /** Whether a session has ended: no refresh token of its family is still unrevoked (rotation keeps one live). */
  async familyRevoked(family: string): Promise<boolean> {
    const [row] = await this.db.query<{ revoked: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family = $1 AND revoked_at IS NULL) AS revoked',
      [family],
    );
    return row!.revoked;
  }

  async insertApiKey(k: { userId: string; name: string; prefix: string; keyHash: string }): Promise<ApiKeyRow> {
    const [row] = await this.db.query<ApiKeyRow>(
      'INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, $2, $3, $4) RETURNING *',
      [k.userId, k.name, k.prefix, k.keyHash],
    );
    return row!;
  }

  async apiKeyByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE prefix = $1', [prefix]);
    return row ?? null;
  }

  async touchApiKey(id: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async apiKeysOf(userId: string): Promise<ApiKeyRow[]> {
    return this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC', [userId]);
  }

  async revokeApiKey(userId: string, id: string): Promise<ApiKeyRow | null> {
    // The NOTIFY goes out with the commit: every process drops the key and its live subscriptions.
    const [row] = await this.db.query<ApiKeyRow & { notified?: boolean }>(
      `WITH r AS (UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *)
       SELECT r.*, pg_notify($3, 'auth:key:' || r.id::text) IS NULL AS notified FROM r`,
      [id, userId, TASK_EVENTS_CHANNEL],
    );
    if (!row) return null;
    delete row.notified;
    return row;
  }
}
