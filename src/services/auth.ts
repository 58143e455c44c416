// Sign-up, sign-in, sessions and API keys, and turning an Authorization header into a Caller.
// Local mode keeps its own users; Supabase mode delegates sign-up/in to Supabase Auth and verifies
// its tokens, mirroring each Supabase user in our users table.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { isUuid } from '../domain/model.js';
import type { Database } from '../datasources/postgres/db.js';
import type { ApiKeyRow, UserRow, UsersRepo } from '../datasources/postgres/users.js';
import type { Session, SignUpOutcome } from './session.js';
import { anonymousCaller, userCaller, type Caller } from '../auth/caller.js';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { TokenService, newApiKey, opaqueToken, parseApiKey, sha256 } from '../auth/tokens.js';
import { GoTrue } from '../datasources/auth/gotrue.js';
import { SupabaseAuth } from './supabase-auth.js';
import { TtlCache } from '../auth/ttl-cache.js';
import type { Revocations } from './revocations.js';
import * as rules from './input-rules.js';

export class AuthService {
  private readonly supabase?: SupabaseAuth;
  /** Who a token's subject is, and which key a credential is: read once per AUTH_CACHE_SECONDS, not per request. */
  private readonly users: TtlCache<string, { id: string; role: UserRow['role'] } | null>;
  private readonly keys: TtlCache<string, { keyId: string; userId: string; role: UserRow['role'] } | null>;
  /** Sessions (refresh-token families) by whether they have ended: the access-token denylist, read once per AUTH_CACHE_SECONDS. */
  private readonly sessions: TtlCache<string, boolean>;
  /** When each key's last_used_at was last written: at most once a minute per key, not a write per request. */
  private readonly touched = new Map<string, number>();

  constructor(private readonly deps: { config: Config; db: Database; users: UsersRepo; tokens: TokenService; revocations?: Revocations }) {
    const ttlMs = deps.config.auth.cacheSeconds * 1000;
    this.users = new TtlCache(ttlMs);
    this.keys = new TtlCache(ttlMs);
    this.sessions = new TtlCache(ttlMs);
    // Revocations made by any replica reach this one by NOTIFY: forget what was cached at once, so
    // AUTH_CACHE_SECONDS bounds staleness only while the notification is lost (listener reconnecting).
    deps.revocations?.on((r) => {
      if (r === 'reconnected') {
        this.keys.clear();
        this.sessions.clear();
      } else if (r.kind === 'key') this.keys.clear();
      else this.sessions.delete(r.id);
    });
    const s = deps.config.auth.supabase;
    if (s)
      this.supabase = new SupabaseAuth({
        gotrue: new GoTrue({ url: s.url, anonKey: s.anonKey, timeoutMs: s.timeoutMs }),
        users: deps.users,
      });
  }

  /** Creates an account and signs it in; a Supabase account waiting for email confirmation is EMAIL_NOT_CONFIRMED. */
  async signUp(input: { email: string; password: string }): Promise<Session> {
    const r = await this.register(input);
    if ('session' in r) return r.session;
    throw new AppError(ErrorCode.EMAIL_NOT_CONFIRMED, 'account created: confirm your email (follow the link sent to it), then sign in');
  }

  /** Like signUp, but an account that must first confirm its email is an outcome, not an error. */
  async register(input: { email: string; password: string }): Promise<SignUpOutcome> {
    const email = rules.email(input.email);
    rules.password(input.password);
    if (this.supabase) return this.supabase.signUp(email, input.password);
    const user = await this.deps.users.insert({ email, passwordHash: await hashPassword(input.password) });
    if (!user) throw new AppError(ErrorCode.CONFLICT, 'an account with that email exists');
    return { session: await this.newSession(user) };
  }

  async signIn(input: { email: string; password: string }): Promise<Session> {
    const email = rules.normalEmail(input.email);
    if (this.supabase) return this.supabase.signIn(email, input.password);
    const user = await this.deps.users.byEmail(email);
    // Same work whether or not the account exists: timing does not reveal which emails are registered.
    const ok = await verifyPassword(input.password.slice(0, 128), user?.password_hash ?? (await dummyHash()));
    if (!user || !user.password_hash || !ok) throw new AppError(ErrorCode.UNAUTHENTICATED, 'invalid email or password');
    return this.newSession(user);
  }

  /** Rotates a refresh token. Presenting one already rotated means it leaked: its whole family is revoked. */
  async refresh(refreshToken: string): Promise<Session> {
    if (this.supabase) return this.supabase.refresh(refreshToken);
    const outcome = await this.deps.db.transaction(async (tx) => {
      const row = await this.deps.users.refreshTokenForUpdate(tx, sha256(refreshToken));
      if (!row) return { error: 'invalid' as const };
      if (row.revoked_at) return { error: 'reused' as const, family: row.family };
      if (row.expires_at.getTime() <= Date.now()) return { error: 'expired' as const };
      await this.deps.users.revokeRefreshToken(tx, row.id);
      const next = opaqueToken();
      await this.deps.users.insertRefreshToken(
        { userId: row.user_id, tokenHash: sha256(next), family: row.family, expiresAt: this.refreshExpiry() },
        tx,
      );
      return { userId: row.user_id, next, family: row.family };
    });
    if ('error' in outcome) {
      if (outcome.error === 'reused') await this.endSession(outcome.family!);
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'refresh token is not valid', { details: { reason: outcome.error } });
    }
    const user = await this.deps.users.get(outcome.userId);
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'refresh token is not valid');
    const { token, expiresAt } = await this.deps.tokens.issueAccessToken(user, outcome.family);
    return { token, refreshToken: outcome.next, expiresAt, user };
  }

  /** Revokes the session the refresh token belongs to (all its rotations); Supabase: see SupabaseAuth.signOut. */
  async signOut(refreshToken: string, caller: Caller = anonymousCaller): Promise<boolean> {
    if (this.supabase) return this.supabase.signOut(caller, refreshToken);
    const row = await this.deps.db.transaction((tx) => this.deps.users.refreshTokenForUpdate(tx, sha256(refreshToken)));
    if (row) await this.endSession(row.family);
    return true;
  }

  /** Refresh tokens, access tokens and live subscriptions of the session stop working: here at once, elsewhere on NOTIFY. */
  private async endSession(family: string): Promise<void> {
    await this.deps.users.revokeFamily(family);
    this.sessions.delete(family);
  }

  async me(caller: Caller): Promise<UserRow> {
    const user = caller.userId ? await this.deps.users.get(caller.userId) : null;
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
    return user;
  }

  /** The caller's account, for managing API keys: only from a signed-in session (also enforced by the shield rule). */
  private async keyManager(caller: Caller): Promise<UserRow> {
    if (caller.via === 'api_key')
      throw new AppError(ErrorCode.FORBIDDEN, 'API keys are managed from a signed-in session, not with an API key');
    return this.me(caller);
  }

  async createApiKey(caller: Caller, name: string): Promise<{ row: ApiKeyRow; key: string }> {
    const user = await this.keyManager(caller);
    const n = rules.apiKeyName(name);
    const k = newApiKey();
    const row = await this.deps.users.insertApiKey({ userId: user.id, name: n, prefix: k.prefix, keyHash: k.hash });
    return { row, key: k.key };
  }

  async apiKeys(caller: Caller): Promise<ApiKeyRow[]> {
    return this.deps.users.apiKeysOf((await this.keyManager(caller)).id);
  }

  async revokeApiKey(caller: Caller, id: string): Promise<ApiKeyRow> {
    const user = await this.keyManager(caller);
    const row = isUuid(id) ? await this.deps.users.revokeApiKey(user.id, id) : null;
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'API key not found');
    // At once here; other replicas within AUTH_CACHE_SECONDS.
    this.keys.delete(row.key_hash);
    return row;
  }

  private touch(keyId: string): void {
    const now = Date.now();
    if ((this.touched.get(keyId) ?? 0) > now - 60_000) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(keyId, now);
    void this.deps.users.touchApiKey(keyId).catch(() => {});
  }

  /**
   * The caller behind an Authorization header: anonymous without one, UNAUTHENTICATED for one that
   * does not verify (a bad credential is never silently downgraded to anonymous).
   */
  async authenticate(header: string | undefined | null): Promise<Caller> {
    if (!header) return anonymousCaller;
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>"');
    const credential = m[1]!;
    if (credential.startsWith('klk_')) {
      const hash = sha256(credential);
      const key = await this.keys.get(hash, async () => {
        const parsed = parseApiKey(credential);
        const row = parsed ? await this.deps.users.apiKeyByPrefix(parsed.prefix) : null;
        if (!row || row.revoked_at || row.key_hash !== hash) return null;
        const user = await this.deps.users.get(row.user_id);
        return user ? { keyId: row.id, userId: user.id, role: user.role } : null;
      });
      if (!key) throw new AppError(ErrorCode.UNAUTHENTICATED, 'invalid API key');
      this.touch(key.keyId);
      return userCaller(key.userId, key.role, 'api_key', `key:${key.keyId}`);
    }
    const v = await this.deps.tokens.verify(credential);
    if (this.supabase) {
      const user = await this.supabase.user(v.sub, v.email);
      return { ...userCaller(user.id, user.role, 'token'), accessToken: credential };
    }
    // The role is read from the row, not the token: a demotion takes effect within AUTH_CACHE_SECONDS.
    const [user, ended] = await Promise.all([
      this.users.get(v.sub, async () => {
        const row = await this.deps.users.get(v.sub);
        return row ? { id: row.id, role: row.role } : null;
      }),
      // Tokens issued before sessions were named (no sid) live out their (short) lifetime.
      v.sid ? this.sessions.get(v.sid, () => this.deps.users.familyRevoked(v.sid!)) : false,
    ]);
    if (ended) throw new AppError(ErrorCode.UNAUTHENTICATED, 'session ended: sign in again', { details: { reason: 'revoked' } });
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'invalid token');
    return userCaller(user.id, user.role, 'token', v.sid ? `session:${v.sid}` : undefined);
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.deps.config.auth.refreshTtlSeconds * 1000);
  }

  private async newSession(user: UserRow): Promise<Session> {
    const refreshToken = opaqueToken();
    const family = randomUUID();
    await this.deps.users.insertRefreshToken({ userId: user.id, tokenHash: sha256(refreshToken), family, expiresAt: this.refreshExpiry() });
    const { token, expiresAt } = await this.deps.tokens.issueAccessToken(user, family);
    return { token, refreshToken, expiresAt, user };
  }
}
