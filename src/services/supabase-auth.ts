// Supabase mode's account operations: Supabase Auth (GoTrue) decides, and each user it vouches for
// is mirrored by a row of ours keyed by its id (`sub`).
import { AppError, ErrorCode } from '../errors.js';
import type { UserRow, UsersRepo } from '../datasources/postgres/users.js';
import type { GoTrue, GoTrueSession } from '../datasources/auth/gotrue.js';
import type { Caller } from '../auth/caller.js';
import type { Session, SignUpOutcome } from './session.js';

export class SupabaseAuth {
  constructor(private readonly deps: { gotrue: GoTrue; users: UsersRepo }) {}

  async signUp(email: string, password: string): Promise<SignUpOutcome> {
    const r = await this.deps.gotrue.signUp(email, password);
    // No row yet for a pending account: it gets one with its first token (and GoTrue's answer for an
    // already-confirmed email carries a made-up id).
    return 'session' in r ? { session: await this.session(r.session) } : { confirmEmail: true };
  }

  async signIn(email: string, password: string): Promise<Session> {
    return this.session(await this.deps.gotrue.signIn(email, password));
  }

  async refresh(refreshToken: string): Promise<Session> {
    return this.session(await this.deps.gotrue.refresh(refreshToken));
  }

  /**
   * Ends a session at GoTrue (`/logout`, which takes an access token): the caller's own when it
   * signed in with a Supabase token, else the one behind `refreshToken` (traded for an access token
   * first). Either way that session's refresh tokens stop working. An unknown refresh token is a
   * no-op, as in local mode.
   */
  async signOut(caller: Caller, refreshToken: string): Promise<boolean> {
    let accessToken = caller.accessToken;
    if (!accessToken) {
      try {
        accessToken = (await this.deps.gotrue.refresh(refreshToken)).accessToken;
      } catch (e) {
        if (e instanceof AppError && e.code === ErrorCode.UNAUTHENTICATED) return true;
        throw e;
      }
    }
    await this.deps.gotrue.logout(accessToken);
    return true;
  }

  /** The row for a Supabase user id; a re-created user (same email, new id) gets a new row. */
  user(sub: string, email: string | undefined): Promise<UserRow> {
    return this.deps.users.upsertExternal(sub, email);
  }

  private async session(s: GoTrueSession): Promise<Session> {
    return { token: s.accessToken, refreshToken: s.refreshToken, expiresAt: s.expiresAt, user: await this.user(s.user.id, s.user.email) };
  }
}
