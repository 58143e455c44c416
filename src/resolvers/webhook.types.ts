import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not yet acknowledged with a 2xx; another attempt is scheduled.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Attempts exhausted, the receiver answered 410 Gone, or the endpoint was disabled.' },
  },
});

@ObjectType({
  description: 'Where task events are POSTed, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).',
})
export class WebhookEndpoint {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [String], { description: 'Subscribed event types: task.updated, task.completed, task.failed, task.cancelled.' })
  events!: string[];
  @Field(() => Boolean, { description: 'True after the receiver answered 410 Gone: nothing more is sent.' }) disabled!: boolean;
  @Field(() => String, { nullable: true }) disabledReason!: string | null;
  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Until then the previous secret also signs each delivery (after rotateWebhookSecret).',
  })
  previousSecretExpiresAt!: Date | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'https in production; must resolve to a public address.' }) url!: string;
  @Field(() => [String], { description: 'Some of task.updated, task.completed, task.failed, task.cancelled.' }) events!: string[];
}

@ObjectType()
export class WebhookSecretPayload {
  @Field(() => WebhookEndpoint) endpoint!: WebhookEndpoint;
  @Field(() => String, { description: 'The signing secret (whsec_…), shown only this once.' }) secret!: string;
}

@ObjectType()
export class WebhookAttempt {
  @Field(() => Int) attempt!: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status, null when none came back.' }) statusCode!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why no status came back: TIMEOUT, CONNECTION_FAILED, ADDRESS_NOT_ALLOWED, UNRESOLVABLE, HTTPS_REQUIRED.',
  })
  errorCode!: string | null;
  @Field(() => String, { nullable: true, description: 'At most the first 256 bytes of the response body.' }) responseExcerpt!:
    string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => DateTimeResolver) at!: Date;
}

@ObjectType({ description: 'One event for one endpoint, delivered at least once with the same webhook-id on every attempt.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The webhook-id header value.' }) id!: string;
  @Field(() => String) eventType!: string;
  @Field(() => ID) taskId!: string;
  @Field(() => Int) sequence!: number;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attemptCount!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => String, { description: 'The JSON body, exactly as signed and sent.' }) payload!: string;
  @Field(() => [WebhookAttempt], { description: 'Oldest first.' }) attempts!: WebhookAttempt[];
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
}
