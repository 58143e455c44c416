import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import type { WebhookEndpointRow } from '../datasources/postgres/webhooks.js';
import { webhookId, type DeliveryWithAttempts } from '../services/webhooks.js';
import {
  CreateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookSecretPayload,
} from './webhook.types.js';

const toEndpoint = (r: WebhookEndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events,
  disabled: r.disabled_at !== null,
  disabledReason: r.disabled_reason,
  previousSecretExpiresAt: r.previous_secret_expires_at && r.previous_secret_expires_at > new Date() ? r.previous_secret_expires_at : null,
  createdAt: r.created_at,
});

const toDelivery = (d: DeliveryWithAttempts): WebhookDelivery => ({
  id: webhookId(d.id),
  eventType: d.event_type,
  taskId: d.task_id,
  sequence: d.sequence,
  status: d.status as WebhookDeliveryStatus,
  attemptCount: d.attempts,
  lastStatusCode: d.last_status_code,
  lastError: d.last_error,
  nextAttemptAt: d.next_attempt_at,
  payload: d.payload,
  attempts: d.attemptRows.map((a) => ({
    attempt: a.attempt,
    statusCode: a.status_code,
    errorCode: a.error_code,
    responseExcerpt: a.response_excerpt,
    durationMs: a.duration_ms,
    at: a.at,
  })),
  createdAt: d.created_at,
  finishedAt: d.finished_at,
});

@Resolver()
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], { description: 'Your webhook endpoints, oldest first.' })
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    return (await ctx.services.webhooks.list(ctx.caller)).map(toEndpoint);
  }

  @Query(() => [WebhookDelivery], { description: 'Recent deliveries to one of your endpoints, newest first, with every attempt.' })
  async webhookDeliveries(
    @Arg('endpointId', () => ID) endpointId: string,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
  ): Promise<WebhookDelivery[]> {
    return (await ctx.services.webhooks.deliveries(ctx.caller, endpointId, first)).map(toDelivery);
  }

  @Mutation(() => WebhookSecretPayload, {
    description: 'Registers an endpoint; the signing secret is in the answer and never shown again.',
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookSecretPayload> {
    const { endpoint, secret } = await ctx.services.webhooks.create(ctx.caller, input);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Mutation(() => Boolean, { description: 'Removes an endpoint and its delivery history; pending deliveries are dropped.' })
  async deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.webhooks.delete(ctx.caller, id);
  }

  @Mutation(() => WebhookSecretPayload, {
    description: 'A new signing secret; the old one keeps signing beside it until previousSecretExpiresAt.',
  })
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookSecretPayload> {
    const { endpoint, secret } = await ctx.services.webhooks.rotate(ctx.caller, id);
    return { endpoint: toEndpoint(endpoint), secret };
  }
}
