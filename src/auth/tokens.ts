// Access tokens (JWT, HS256 via jose) for local mode, and verification of Supabase-issued tokens
// (project JWKS or the legacy HS256 secret). Opaque secrets (refresh tokens, API keys) are stored hashed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';

export interface VerifiedToken {
  sub: string;
  email?: string;
  /** Local tokens carry our role; Supabase ones do not (ours is looked up). */
  role?: 'user' | 'admin';
  /** Local tokens: the session (refresh-token family) they were issued for; signing out or reuse detection ends it. */
  sid?: string;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
export const opaqueToken = () => randomBytes(32).toString('base64url');

export class TokenService {
  private readonly localKey: Uint8Array;
  private readonly supabaseKey?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(
    private readonly auth: Config['auth'],
    jwtSecret: string,
  ) {
    this.localKey = new TextEncoder().encode(jwtSecret);
    if (auth.supabase?.jwtSecret) this.supabaseKey = new TextEncoder().encode(auth.supabase.jwtSecret);
    else if (auth.supabase)
      this.jwks = providerKeys(
        createRemoteJWKSet(new URL(auth.supabase.jwksUrl), { timeoutDuration: auth.supabase.timeoutMs, cooldownDuration: 30_000 }),
      );
  }

  /** `session`: the refresh-token family, as claim `sid`, so the token dies with its session. */
  async issueAccessToken(
    user: { id: string; email: string; role: 'user' | 'admin' },
    session?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.auth.accessTtlSeconds * 1000);
    const token = await new SignJWT({ email: user.email, role: user.role, ...(session ? { sid: session } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.auth.issuer)
      .setAudience(this.auth.audience)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.localKey);
    return { token, expiresAt };
  }

  /**
   * Tokens already verified, until their own expiry: a signature check is pure (same token, same key,
   * same answer), and it was the largest share of a cached read's CPU. Revocation is not the token's
   * business (sessions are checked apart), so the cache changes no answer. Bounded; oldest go first.
   */
  private readonly verified = new Map<string, { token: VerifiedToken; expiresAtMs: number }>();
  private static readonly VERIFIED_MAX = 10_000;

  /** Verifies a bearer token; throws UNAUTHENTICATED for anything not valid right now. */
  async verify(token: string): Promise<VerifiedToken> {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.expiresAtMs) return hit.token;
      this.verified.delete(token);
    }
    const { token: out, exp } = await this.verifyUncached(token);
    if (exp !== undefined) {
      if (this.verified.size >= TokenService.VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { token: out, expiresAtMs: exp * 1000 });
    }
    return out;
  }

  private async verifyUncached(token: string): Promise<{ token: VerifiedToken; exp: number | undefined }> {
    try {
      if (this.auth.mode === 'supabase') {
        const supa = this.auth.supabase!;
        // Supabase access tokens: iss <project>/auth/v1, aud "authenticated".
        const opts = { issuer: `${supa.url}/auth/v1`, audience: 'authenticated' };
        const { payload } = this.supabaseKey
          ? await jwtVerify(token, this.supabaseKey, { ...opts, algorithms: ['HS256'] })
          : await jwtVerify(token, this.jwks!, { ...opts, algorithms: ['RS256', 'ES256'] });
        return {
          token: { sub: requireSub(payload), email: typeof payload.email === 'string' ? payload.email : undefined },
          exp: payload.exp,
        };
      }
      const { payload } = await jwtVerify(token, this.localKey, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        algorithms: ['HS256'],
      });
      return {
        token: {
          sub: requireSub(payload),
          email: payload.email as string | undefined,
          role: payload.role === 'admin' ? 'admin' : 'user',
          sid: typeof payload.sid === 'string' ? payload.sid : undefined,
        },
        exp: payload.exp,
      };
    } catch (e) {
      if (e instanceof AppError) throw e;
      const expired = e instanceof joseErrors.JWTExpired;
      throw new AppError(ErrorCode.UNAUTHENTICATED, expired ? 'token expired' : 'invalid token', {
        details: { reason: expired ? 'expired' : 'invalid' },
      });
    }
  }
}

/**
 * The project's key set, with a failure to fetch it (network, timeout, non-200, not a key set) told
 * apart from a token that names no key in it: the first is the provider's outage, retryable.
 */
function providerKeys(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (e) {
      if (
        e instanceof joseErrors.JWKSNoMatchingKey ||
        e instanceof joseErrors.JWKSMultipleMatchingKeys ||
        e instanceof joseErrors.JOSENotSupported
      )
        throw e;
      throw new AppError(ErrorCode.AUTH_PROVIDER_UNAVAILABLE, 'the Supabase signing keys (JWKS) could not be fetched: try again', {
        retryable: true,
        cause: e,
      });
    }
  };
}

function requireSub(p: JWTPayload): string {
  if (typeof p.sub !== 'string' || !p.sub)
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'invalid token', { details: { reason: 'invalid' } });
  return p.sub;
}

/** API keys: "klk_<prefix>_<secret>"; the prefix finds the row, the secret's hash proves it. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `klk_${prefix}_${opaqueToken()}`;
  return { key, prefix, hash: sha256(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = /^klk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  return m ? { prefix: m[1]! } : null;
}
