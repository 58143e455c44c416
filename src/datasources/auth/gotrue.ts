// Supabase Auth (GoTrue) over its public HTTP API, with plain fetch: every call carries only its own
// credentials and keeps no state, so no request can ever see another's session. (The shared
// supabase-js client answered a refresh arriving while another was in flight with the in-flight
// result: one user's session handed to another.)
import { AppError, ErrorCode, badInput } from '../../errors.js';

export interface GoTrueUser {
  id: string;
  email?: string;
}

export interface GoTrueSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: GoTrueUser;
}

/** What a sign-up gives back: a session, or (email confirmation on) only a pending account. */
export type GoTrueSignUp = { session: GoTrueSession } | { confirmationPending: true };

export interface GoTrueOptions {
  /** The project URL (`SUPABASE_URL`); the Auth API lives under /auth/v1. */
  url: string;
  anonKey: string;
  /** Per HTTP request. (Default: 10 s) */
  timeoutMs: number;
}

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  expires_at?: number;
  expires_in?: number;
  user?: GoTrueUser;
  id?: string;
}

/** GoTrue's error bodies: `{ code, error_code, msg }` (API 2024-01-01) or `{ error, error_description }` (older). */
interface ErrorBody {
  code?: number | string;
  error_code?: string;
  msg?: string;
  message?: string;
  error?: string;
  error_description?: string;
}

export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'GoTrueError';
  }
}

export class GoTrue {
  private readonly base: string;

  constructor(private readonly opts: GoTrueOptions) {
    this.base = `${opts.url.replace(/\/$/, '')}/auth/v1`;
  }

  async signUp(email: string, password: string): Promise<GoTrueSignUp> {
    const body = await this.call<TokenBody>('/signup', { email, password }, undefined, signUpError);
    if (body.access_token) return { session: toSession(body) };
    // Confirmation on: GoTrue answers with the user alone. For an email that is already confirmed it
    // answers the same with a made-up user (it does not reveal who is registered): nothing to store.
    return { confirmationPending: true };
  }

  async signIn(email: string, password: string): Promise<GoTrueSession> {
    return toSession(await this.call<TokenBody>('/token?grant_type=password', { email, password }, undefined, signInError));
  }

  async refresh(refreshToken: string): Promise<GoTrueSession> {
    return toSession(
      await this.call<TokenBody>('/token?grant_type=refresh_token', { refresh_token: refreshToken }, undefined, refreshError),
    );
  }

  /**
   * Ends the session the access token belongs to (its refresh tokens stop working). An access token
   * GoTrue no longer knows (expired, or its session already gone) is not an error: there is nothing
   * left to end.
   */
  async logout(accessToken: string): Promise<void> {
    await this.call('/logout?scope=local', undefined, accessToken, (e) =>
      e.status === 401 || e.status === 403 || e.status === 404 ? null : undefined,
    );
  }

  /**
   * One request. `mapError` turns GoTrue's 4xx answers into our errors (null: treat as success,
   * undefined: unexpected). Outages (network, timeout, 5xx) are AUTH_PROVIDER_UNAVAILABLE and retryable;
   * a 4xx nobody expected (a wrong anon key, an API change) is a plain Error: an internal failure.
   */
  private async call<T>(
    path: string,
    json: unknown,
    bearer: string | undefined,
    mapError: (e: GoTrueError) => AppError | null | undefined,
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method: 'POST',
        headers: {
          apikey: this.opts.anonKey,
          authorization: `Bearer ${bearer ?? this.opts.anonKey}`,
          'content-type': 'application/json;charset=UTF-8',
          'x-supabase-api-version': '2024-01-01',
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      throw unavailable(e);
    }
    const text = await res.text().catch((e: unknown) => {
      throw unavailable(e);
    });
    if (res.ok) {
      if (!text) return {} as T;
      try {
        return JSON.parse(text) as T;
      } catch (e) {
        throw new Error(`Supabase Auth ${path}: response is not JSON`, { cause: e });
      }
    }
    if (res.status >= 500) throw unavailable(new GoTrueError(res.status, 'server_error', text.slice(0, 200)));
    const err = parseError(res.status, text);
    if (res.status === 429)
      throw new AppError(ErrorCode.RATE_LIMITED, 'Supabase Auth is rate limiting: try again later', { retryable: true, cause: err });
    const mapped = mapError(err);
    if (mapped === null) return {} as T;
    if (mapped) throw mapped;
    throw new Error(`Supabase Auth ${path.replace(/\?.*/, '')} answered ${res.status} ${err.errorCode}: ${err.message}`, { cause: err });
  }
}

function parseError(status: number, text: string): GoTrueError {
  let b: ErrorBody = {};
  try {
    b = JSON.parse(text) as ErrorBody;
  } catch {
    // not JSON: keep the status only
  }
  const code = b.error_code ?? (typeof b.code === 'string' ? b.code : undefined) ?? b.error ?? `http_${status}`;
  return new GoTrueError(status, code, b.msg ?? b.message ?? b.error_description ?? text.slice(0, 200));
}

function unavailable(cause: unknown): AppError {
  return new AppError(ErrorCode.AUTH_PROVIDER_UNAVAILABLE, 'Supabase Auth is unavailable: try again', { retryable: true, cause });
}

function toSession(b: TokenBody): GoTrueSession {
  const user = b.user;
  if (!b.access_token || !b.refresh_token || !user?.id) throw new Error('Supabase Auth answered without a session');
  const expiresAt = b.expires_at ?? Math.floor(Date.now() / 1000) + (b.expires_in ?? 3600);
  return {
    accessToken: b.access_token,
    refreshToken: b.refresh_token,
    expiresAt: new Date(expiresAt * 1000),
    user: { id: user.id, email: user.email },
  };
}

// Error codes: GoTrue's internal/api/errorcodes.go.
function signUpError(e: GoTrueError): AppError | undefined {
  // One meaning in both modes: an existing account is CONFLICT (as local mode answers).
  if (e.errorCode === 'user_already_exists' || e.errorCode === 'email_exists' || /already registered/i.test(e.message)) {
    return new AppError(ErrorCode.CONFLICT, 'an account with that email exists', { cause: e });
  }
  if (e.errorCode === 'weak_password') return badInput(`password is too weak: ${e.message}`, { argument: 'password' });
  if (e.errorCode === 'email_address_invalid' || e.errorCode === 'validation_failed' || e.errorCode === 'email_address_not_authorized') {
    return badInput(`email is not accepted: ${e.message}`, { argument: 'email' });
  }
  if (e.errorCode === 'signup_disabled' || e.errorCode === 'email_provider_disabled')
    return new AppError(ErrorCode.FORBIDDEN, 'sign-ups are disabled', { cause: e });
  return undefined;
}

function signInError(e: GoTrueError): AppError | undefined {
  if (e.errorCode === 'email_not_confirmed') {
    return new AppError(ErrorCode.EMAIL_NOT_CONFIRMED, 'confirm your email first: follow the link that was sent to it', { cause: e });
  }
  if (e.errorCode === 'invalid_credentials' || e.errorCode === 'invalid_grant' || e.errorCode === 'validation_failed' || e.status === 400) {
    return new AppError(ErrorCode.UNAUTHENTICATED, 'invalid email or password', { cause: e });
  }
  return undefined;
}

function refreshError(e: GoTrueError): AppError | undefined {
  if (e.status === 400 || e.status === 401 || e.status === 403 || e.status === 404) {
    const reason = e.errorCode === 'refresh_token_already_used' ? 'reused' : 'invalid';
    return new AppError(ErrorCode.UNAUTHENTICATED, 'refresh token is not valid', { details: { reason }, cause: e });
  }
  return undefined;
}
