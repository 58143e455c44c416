// A local server speaking Supabase Auth's (GoTrue's) public API, for Supabase mode tests: ES256 keys in
// a JWKS, sign-up with or without email confirmation, the password and refresh-token grants (rotating
// refresh tokens with GoTrue's reuse interval), /logout, and GoTrue's error bodies. The test controls
// it directly: delete users, confirm emails, and hold /token requests until it lets them go
// (latency under the test's control, with no timers to race).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface GoTrueRequest {
  path: string;
  grantType: string | null;
  scope: string | null;
  apikey: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

interface User {
  id: string;
  email: string;
  password: string;
  confirmed: boolean;
}

interface Session {
  id: string;
  userId: string;
  /** The one refresh token that rotates next. */
  active: string;
}

interface RefreshToken {
  sessionId: string;
  revokedAt: number | null;
  /** The token this one was rotated into. */
  child: string | null;
}

/** A gate on /token: requests wait behind it until `release`. */
export interface Hold {
  /** Resolves once n requests are waiting behind the gate. */
  arrived(n: number): Promise<void>;
  readonly waiting: number;
  release(): void;
}

export interface GoTrueStandIn {
  /** The project URL: SUPABASE_URL. */
  url: string;
  /** The project's key; change it to model a key rotated at Supabase. */
  anonKey: string;
  /** Email confirmation off (GoTrue's MAILER_AUTOCONFIRM): sign-up returns a session. (Default: true) */
  autoconfirm: boolean;
  /** Every request received, in order. */
  requests: GoTrueRequest[];
  /** Answer 503 to everything but the JWKS while set. */
  down: boolean;
  /** GoTrue's refresh-token reuse interval. (Default: 10 s) */
  reuseIntervalMs: number;
  /** An access token as the project signs them; `key`/`kid`/`iss`/`aud`/`exp` let a test forge. */
  sign(claims: { sub: string; email?: string; sessionId?: string }, opts?: { key?: Key; kid?: string; iss?: string; aud?: string; expSeconds?: number }): Promise<string>;
  /** A second ES256 key, not in the JWKS. */
  foreignKey: Key;
  userByEmail(email: string): User | undefined;
  confirm(email: string): void;
  /** Deletes the user and its sessions, as the dashboard does. */
  deleteUser(email: string): void;
  sessionCount(userId: string): number;
  holdToken(): Hold;
  /** Lets every held request go (for afterEach: a failed test must not leave the next one waiting). */
  releaseHolds(): void;
  close(): Promise<void>;
}

export async function startGoTrue(opts: { anonKey?: string } = {}): Promise<GoTrueStandIn> {
  const anonKey = opts.anonKey ?? `anon-${randomBytes(8).toString('hex')}`;
  const pair = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const kid = 'es256-1';
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
  const users = new Map<string, User>();
  const sessions = new Map<string, Session>();
  const tokens = new Map<string, RefreshToken>();
  let gate: { promise: Promise<void>; open: () => void; waiting: number; waiters: { n: number; resolve: () => void }[] } | null = null;

  const send = (res: http.ServerResponse, status: number, body?: unknown) => {
    res.statusCode = status;
    res.setHeader('x-supabase-api-version', '2024-01-01');
    if (body === undefined) return void res.end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, errorCode: string, msg: string) => send(res, status, { code: status, error_code: errorCode, msg });

  const publicUser = (u: User) => ({
    id: u.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: u.email,
    email_confirmed_at: u.confirmed ? new Date().toISOString() : null,
    confirmation_sent_at: u.confirmed ? undefined : new Date().toISOString(),
    identities: [{ identity_id: randomUUID(), id: u.id, user_id: u.id, provider: 'email', identity_data: { email: u.email, sub: u.id } }],
  });

  const newSession = async (u: User) => {
    const session: Session = { id: randomUUID(), userId: u.id, active: opaque() };
    sessions.set(session.id, session);
    tokens.set(session.active, { sessionId: session.id, revokedAt: null, child: null });
    return sessionBody(u, session);
  };
  const sessionBody = async (u: User, s: Session) => {
    const expiresIn = 3600;
    return {
      access_token: await t.sign({ sub: u.id, email: u.email, sessionId: s.id }),
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: Math.floor(Date.now() / 1000) + expiresIn,
      refresh_token: s.active,
      user: publicUser(u),
    };
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/auth/v1/.well-known/jwks.json') return send(res, 200, { keys: [jwk] });
    let raw = '';
    for await (const c of req) raw += c;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(res, 400, 'bad_json', 'Could not parse request body as JSON');
    }
    const apikey = req.headers.apikey as string | undefined;
    t.requests.push({ path: url.pathname, grantType: url.searchParams.get('grant_type'), scope: url.searchParams.get('scope'), apikey, authorization: req.headers.authorization, body });
    // Supabase's API gateway refuses a request without the project's key before GoTrue sees it.
    if (apikey !== t.anonKey) return send(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
    if (t.down) return send(res, 503, { message: 'upstream unavailable' });

    if (url.pathname === '/auth/v1/signup' && req.method === 'POST') {
      const email = String(body.email ?? '').toLowerCase();
      const password = String(body.password ?? '');
      if (password.length < 6) return fail(res, 422, 'weak_password', 'Password should be at least 6 characters.');
      const existing = users.get(email);
      if (existing) {
        if (t.autoconfirm) return fail(res, 422, 'user_already_exists', 'User already registered');
        // Confirmation on: the same answer as a new sign-up, with a made-up user (no enumeration).
        return send(res, 200, { ...publicUser({ ...existing, id: randomUUID(), confirmed: false }), identities: [] });
      }
      const u: User = { id: randomUUID(), email, password, confirmed: t.autoconfirm };
      users.set(email, u);
      return send(res, 200, t.autoconfirm ? await newSession(u) : publicUser(u));
    }

    if (url.pathname === '/auth/v1/token' && req.method === 'POST') {
      if (gate) {
        const g = gate;
        g.waiting++;
        for (const w of g.waiters) if (g.waiting >= w.n) w.resolve();
        await g.promise;
      }
      const grant = url.searchParams.get('grant_type');
      if (grant === 'password') {
        const u = users.get(String(body.email ?? '').toLowerCase());
        if (!u || u.password !== body.password) return fail(res, 400, 'invalid_credentials', 'Invalid login credentials');
        if (!u.confirmed) return fail(res, 400, 'email_not_confirmed', 'Email not confirmed');
        return send(res, 200, await newSession(u));
      }
      if (grant === 'refresh_token') {
        const token = String(body.refresh_token ?? '');
        const rt = tokens.get(token);
        const session = rt && sessions.get(rt.sessionId);
        const user = session && [...users.values()].find((u) => u.id === session.userId);
        if (!rt || !session || !user) return fail(res, 400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
        if (rt.revokedAt !== null) {
          // GoTrue: a just-rotated token within the reuse interval gets the session's current one.
          if (Date.now() - rt.revokedAt <= t.reuseIntervalMs && rt.child === session.active) return send(res, 200, await sessionBody(user, session));
          revokeSession(session.id);
          return fail(res, 400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
        }
        const next = opaque();
        rt.revokedAt = Date.now();
        rt.child = next;
        tokens.set(next, { sessionId: session.id, revokedAt: null, child: null });
        session.active = next;
        return send(res, 200, await sessionBody(user, session));
      }
      return fail(res, 400, 'unsupported_grant_type', 'unsupported_grant_type');
    }

    if (url.pathname === '/auth/v1/logout' && req.method === 'POST') {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      let claims: { sub?: string; session_id?: string };
      try {
        claims = (await jwtVerify(bearer ?? '', pair.publicKey, { issuer: `${t.url}/auth/v1`, audience: 'authenticated' })).payload as typeof claims;
      } catch {
        return fail(res, 403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
      }
      const scope = url.searchParams.get('scope') ?? 'global';
      const own = claims.session_id && sessions.get(claims.session_id);
      if (!own) return fail(res, 403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
      for (const s of [...sessions.values()]) {
        if (s.userId !== claims.sub) continue;
        if (scope === 'local' ? s.id === own.id : scope === 'others' ? s.id !== own.id : true) revokeSession(s.id);
      }
      return send(res, 204);
    }
    fail(res, 404, 'not_found', 'Not found');
  });

  function revokeSession(id: string) {
    sessions.delete(id);
    for (const [k, v] of tokens) if (v.sessionId === id) tokens.delete(k);
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const t: GoTrueStandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    anonKey,
    autoconfirm: true,
    requests: [],
    down: false,
    reuseIntervalMs: 10_000,
    foreignKey: foreign.privateKey,
    sign: (claims, o = {}) =>
      new SignJWT({ email: claims.email, role: 'authenticated', aal: 'aal1', session_id: claims.sessionId ?? randomUUID(), is_anonymous: false })
        .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? kid, typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(o.iss ?? `${t.url}/auth/v1`)
        .setAudience(o.aud ?? 'authenticated')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (o.expSeconds ?? 3600))
        .sign(o.key ?? pair.privateKey),
    userByEmail: (email) => users.get(email.toLowerCase()),
    confirm(email) {
      const u = users.get(email.toLowerCase());
      if (!u) throw new Error(`no user ${email}`);
      u.confirmed = true;
    },
    deleteUser(email) {
      const u = users.get(email.toLowerCase());
      if (!u) throw new Error(`no user ${email}`);
      users.delete(u.email);
      for (const s of [...sessions.values()]) if (s.userId === u.id) revokeSession(s.id);
    },
    sessionCount: (userId) => [...sessions.values()].filter((s) => s.userId === userId).length,
    holdToken() {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      const g = { promise, open, waiting: 0, waiters: [] as { n: number; resolve: () => void }[] };
      gate = g;
      return {
        arrived: (n) => (g.waiting >= n ? Promise.resolve() : new Promise<void>((resolve) => g.waiters.push({ n, resolve }))),
        get waiting() {
          return g.waiting;
        },
        release() {
          if (gate === g) gate = null;
          g.open();
        },
      };
    },
    releaseHolds() {
      gate?.open();
      gate = null;
    },
    async close() {
      gate?.open();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return t;
}

const opaque = () => randomBytes(9).toString('base64url');
