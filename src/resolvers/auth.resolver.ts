import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { AppError, ErrorCode } from '../errors.js';
import type { ApiKeyRow, UserRow } from '../datasources/postgres/users.js';
import type { Session, SignUpOutcome } from '../services/session.js';
import { ApiKey, AuthPayload, CreateApiKeyPayload, CredentialsInput, RegisterPayload, RegisterStatus, Role, User } from './auth.types.js';

const toUser = (u: UserRow): User => ({ id: u.id, email: u.email, role: u.role as Role, createdAt: u.created_at });
const toSession = (s: Session): AuthPayload => ({
  token: s.token,
  refreshToken: s.refreshToken,
  expiresAt: s.expiresAt,
  user: toUser(s.user),
});
const toRegister = (r: SignUpOutcome): RegisterPayload =>
  'session' in r
    ? { status: RegisterStatus.SIGNED_IN, session: toSession(r.session), message: 'Account created and signed in.' }
    : { status: RegisterStatus.CONFIRM_EMAIL, session: null, message: 'Confirm your email: follow the link sent to it, then sign in.' };
const toApiKey = (k: ApiKeyRow): ApiKey => ({
  id: k.id,
  name: k.name,
  prefix: `klk_${k.prefix}`,
  createdAt: k.created_at,
  lastUsedAt: k.last_used_at,
  revokedAt: k.revoked_at,
});

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Creates an account (local mode) or delegates to Supabase Auth, and signs it in. An existing account is CONFLICT in both modes. ' +
      'When the Supabase project requires email confirmation there is no session yet: the account is created and the answer is EMAIL_NOT_CONFIRMED (use register to get a payload instead).',
  })
  async signUp(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    await ctx.limits.auth(ctx.ip);
    return toSession(await ctx.services.auth.signUp(input));
  }

  @Mutation(() => RegisterPayload, {
    description:
      'signUp that says what comes next: SIGNED_IN with a session, or CONFIRM_EMAIL (Supabase with email confirmation on; Supabase then answers the same for an address already registered, not revealing it).',
  })
  async register(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() ctx: Context): Promise<RegisterPayload> {
    await ctx.limits.auth(ctx.ip);
    return toRegister(await ctx.services.auth.register(input));
  }

  @Mutation(() => AuthPayload)
  async signIn(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    await ctx.limits.auth(ctx.ip);
    await ctx.limits.signIn.allowed(input.email);
    let session;
    try {
      session = await ctx.services.auth.signIn(input);
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.UNAUTHENTICATED) await ctx.limits.signIn.failed(input.email);
      throw e;
    }
    await ctx.limits.signIn.succeeded(input.email);
    return toSession(session);
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for a new session; the old refresh token stops working.' })
  async refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    await ctx.limits.auth(ctx.ip);
    return toSession(await ctx.services.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, {
    description:
      'Revokes the session behind a refresh token: it, the access tokens issued for the session and their live subscriptions stop working (local mode). Supabase mode: ends the session of the access token sent in Authorization ' +
      "(GoTrue's /logout), or without one the session behind refreshToken; its access tokens stay valid until they expire.",
  })
  async signOut(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.auth.signOut(refreshToken, ctx.caller);
  }

  @Query(() => User)
  async me(@Ctx() ctx: Context): Promise<User> {
    return toUser(await ctx.services.auth.me(ctx.caller));
  }

  @Query(() => [ApiKey])
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return (await ctx.services.auth.apiKeys(ctx.caller)).map(toApiKey);
  }

  @Mutation(() => CreateApiKeyPayload, {
    description:
      'A key for server-to-server use, stored hashed and shown once. Keys are created, listed and revoked from a signed-in session only: with an API key, FORBIDDEN.',
  })
  async createApiKey(@Arg('name', () => String) name: string, @Ctx() ctx: Context): Promise<CreateApiKeyPayload> {
    const { row, key } = await ctx.services.auth.createApiKey(ctx.caller, name);
    return { apiKey: toApiKey(row), key };
  }

  @Mutation(() => ApiKey)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    return toApiKey(await ctx.services.auth.revokeApiKey(ctx.caller, id));
  }
}
