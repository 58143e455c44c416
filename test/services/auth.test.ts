// AuthService without HTTP (local mode): what signing up and in gives, how a session rotates and
// ends (reuse of a rotated refresh token ends it for every token of the session), and API keys.
// The GraphQL-level checks (status codes, sockets, other replicas) are in test/auth/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import type { Session } from '../../src/services/session.js';
import { createHarness, PASSWORD, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // A long cache: whatever is refused below is refused because the service forgot it, not because it expired.
  h = await createHarness({ AUTH_CACHE_SECONDS: '300' });
});
afterAll(() => h?.stop());

const bearer = (s: string) => `Bearer ${s}`;
const email = () => `auth-${Math.random().toString(36).slice(2)}@example.com`;
const UNAUTHENTICATED = (reason?: string) => ({ code: ErrorCode.UNAUTHENTICATED, ...(reason ? { details: { reason } } : {}) });

describe('sign up and sign in', () => {
  it('sign-up gives a session whose access token authenticates as that user, naming the session', async () => {
    const address = email();
    const s = await h.services.auth.signUp({ email: `  ${address.toUpperCase()} `, password: PASSWORD });
    expect(s.user).toMatchObject({ email: address, role: 'user' });
    expect(s.refreshToken).not.toBe(s.token);
    expect(s.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const caller = await h.services.auth.authenticate(bearer(s.token));
    expect(caller).toMatchObject({ userId: s.user.id, role: 'user', via: 'token' });
    expect(caller.credential).toMatch(/^session:[0-9a-f-]{36}$/);
    expect(caller.canAccess(s.user.id)).toBe(true);
    expect(caller.canAccess(null)).toBe(false);
    expect((await h.services.auth.me(caller)).id).toBe(s.user.id);
  });

  it('a second account with the email is CONFLICT; weak input is BAD_USER_INPUT naming the argument', async () => {
    const address = email();
    await h.services.auth.signUp({ email: address, password: PASSWORD });
    await expect(h.services.auth.signUp({ email: address, password: PASSWORD })).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    await expect(h.services.auth.signUp({ email: email(), password: 'short' })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { argument: 'password' } });
    await expect(h.services.auth.signUp({ email: 'nope', password: PASSWORD })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { argument: 'email' } });
  });

  it('a wrong password and an unknown email fail alike: UNAUTHENTICATED, same message; the right one signs in (any letter case)', async () => {
    const address = email();
    const { user } = await h.services.auth.signUp({ email: address, password: PASSWORD });
    const wrong = await h.services.auth.signIn({ email: address, password: 'not the password' }).catch((e: unknown) => e);
    const unknown = await h.services.auth.signIn({ email: email(), password: PASSWORD }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, message: 'invalid email or password' });
    expect(unknown).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, message: 'invalid email or password' });
    const s = await h.services.auth.signIn({ email: address.toUpperCase(), password: PASSWORD });
    expect(s.user.id).toBe(user.id);
  });

  it('a malformed or foreign Authorization header is UNAUTHENTICATED, never anonymous; none is anonymous', async () => {
    expect((await h.services.auth.authenticate(undefined)).role).toBe('anonymous');
    await expect(h.services.auth.authenticate('Basic abc')).rejects.toMatchObject(UNAUTHENTICATED());
    await expect(h.services.auth.authenticate(bearer('not.a.jwt'))).rejects.toMatchObject(UNAUTHENTICATED());
  });
});

describe('sessions', () => {
  it('refresh rotates: a new pair, the old refresh token spent; presenting it again ends the whole session', async () => {
    const s0 = await h.services.auth.signUp({ email: email(), password: PASSWORD });
    const other = await h.services.auth.signIn({ email: s0.user.email, password: PASSWORD });
    const s1 = await h.services.auth.refresh(s0.refreshToken);
    expect(s1.refreshToken).not.toBe(s0.refreshToken);
    expect(s1.user.id).toBe(s0.user.id);
    const caller = await h.services.auth.authenticate(bearer(s1.token));
    // The same session (family) before and after the rotation.
    expect(caller.credential).toBe((await h.services.auth.authenticate(bearer(s0.token))).credential);

    // The spent token again: theft is assumed, and the session ends.
    await expect(h.services.auth.refresh(s0.refreshToken)).rejects.toMatchObject(UNAUTHENTICATED('reused'));
    await expect(h.services.auth.refresh(s1.refreshToken)).rejects.toMatchObject(UNAUTHENTICATED('reused'));
    for (const s of [s0, s1]) await expect(h.services.auth.authenticate(bearer(s.token))).rejects.toMatchObject(UNAUTHENTICATED('revoked'));
    // Another session of the same user is untouched.
    expect((await h.services.auth.authenticate(bearer(other.token))).userId).toBe(s0.user.id);
    await expect(h.services.auth.refresh('no such token')).rejects.toMatchObject(UNAUTHENTICATED('invalid'));
  });

  it('sign-out ends the session: its refresh token and access token stop working at once', async () => {
    const s: Session = await h.services.auth.signUp({ email: email(), password: PASSWORD });
    const caller = await h.services.auth.authenticate(bearer(s.token)); // cached as live
    expect(await h.services.auth.signOut(s.refreshToken, caller)).toBe(true);
    await expect(h.services.auth.authenticate(bearer(s.token))).rejects.toMatchObject(UNAUTHENTICATED('revoked'));
    await expect(h.services.auth.refresh(s.refreshToken)).rejects.toMatchObject(UNAUTHENTICATED('reused'));
    // Signing out with an unknown token says nothing about it.
    expect(await h.services.auth.signOut('unknown')).toBe(true);
  });
});

describe('API keys', () => {
  it('created from a session, shown once, authenticate as the user; revoked, they stop at once', async () => {
    const s = await h.services.auth.signUp({ email: email(), password: PASSWORD });
    const session = await h.services.auth.authenticate(bearer(s.token));
    const { row, key } = await h.services.auth.createApiKey(session, '  ci server ');
    expect(row).toMatchObject({ user_id: s.user.id, name: 'ci server', revoked_at: null });
    expect(key).toMatch(new RegExp(`^klk_${row.prefix}_`));
    expect(row.key_hash).not.toContain(key);
    const viaKey = await h.services.auth.authenticate(bearer(key));
    expect(viaKey).toMatchObject({ userId: s.user.id, via: 'api_key', credential: `key:${row.id}` });
    expect((await h.services.auth.apiKeys(session)).map((k) => k.id)).toEqual([row.id]);

    // A key manages no keys; someone else cannot revoke it; a bad id is NOT_FOUND.
    await expect(h.services.auth.createApiKey(viaKey, 'child')).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    await expect(h.services.auth.revokeApiKey(viaKey, row.id)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    const stranger = await h.user();
    await expect(h.services.auth.revokeApiKey(stranger.caller, row.id)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(h.services.auth.revokeApiKey(session, 'not-a-uuid')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect((await h.services.auth.authenticate(bearer(key))).userId).toBe(s.user.id);
    await expect(h.services.auth.createApiKey(session, '   ')).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { argument: 'name' } });

    const revoked = await h.services.auth.revokeApiKey(session, row.id);
    expect(revoked.revoked_at).not.toBeNull();
    await expect(h.services.auth.authenticate(bearer(key))).rejects.toMatchObject(UNAUTHENTICATED());
    // A key that differs from a real one only in its secret part is refused too.
    const { key: live } = await h.services.auth.createApiKey(session, 'live');
    await expect(h.services.auth.authenticate(bearer(`${live.slice(0, -2)}xx`))).rejects.toMatchObject(UNAUTHENTICATED());
    expect((await h.services.auth.authenticate(bearer(live))).userId).toBe(s.user.id);
  });
});
