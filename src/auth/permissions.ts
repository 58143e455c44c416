// graphql-shield rule tree: every root field named, anything unnamed denied. Object fields below the
// root follow their parent (services already returned only what the caller owns).
// Note: shield does not run on a subscription's `subscribe` when the field also has `resolve` (as
// type-graphql's do), so taskUpdated is also checked in TaskService.subscribe before any event.
import { allow, deny, rule, shield } from './shield.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Context } from '../resolvers/context.js';

export const isAuthenticated = rule({ cache: 'contextual' })((_p: unknown, _a: unknown, ctx: Context) =>
  ctx.caller.userId ? true : new AppError(ErrorCode.UNAUTHENTICATED, 'sign in, or send an API key'),
);

/** Signed in interactively (an access token): API keys cannot manage API keys (a leaked key could mint keys that outlive it). */
export const isSession = rule({ cache: 'contextual' })((_p: unknown, _a: unknown, ctx: Context) =>
  !ctx.caller.userId
    ? new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
    : ctx.caller.via === 'token'
      ? true
      : new AppError(ErrorCode.FORBIDDEN, 'API keys are managed from a signed-in session, not with an API key'),
);

export const permissions = shield(
  {
    Query: {
      '*': deny,
      health: allow,
      estimateAnalysisCost: allow,
      calculateBudget: allow,
      me: isAuthenticated,
      apiKeys: isSession,
      video: isAuthenticated,
      videos: isAuthenticated,
      task: isAuthenticated,
      tasks: isAuthenticated,
      webhookEndpoints: isAuthenticated,
      webhookDeliveries: isAuthenticated,
    },
    Mutation: {
      '*': deny,
      signUp: allow,
      register: allow,
      signIn: allow,
      refreshToken: allow,
      signOut: allow,
      createApiKey: isSession,
      revokeApiKey: isSession,
      createVideoUpload: isAuthenticated,
      confirmVideoUpload: isAuthenticated,
      analyzeVideo: isAuthenticated,
      createCaptionUpload: isAuthenticated,
      confirmCaptionUpload: isAuthenticated,
      cancelTask: isAuthenticated,
      createWebhookEndpoint: isAuthenticated,
      deleteWebhookEndpoint: isAuthenticated,
      rotateWebhookSecret: isAuthenticated,
    },
    Subscription: { '*': deny, taskUpdated: isAuthenticated },
  },
  {
    allowExternalErrors: true,
    fallbackRule: allow,
    fallbackError: () => new AppError(ErrorCode.FORBIDDEN, 'not allowed'),
  },
);
