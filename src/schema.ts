// Builds the executable schema: type-graphql resolvers, wrapped by graphql-shield permissions.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { applyMiddleware } from './auth/shield.js';
import { createPubSub } from '@graphql-yoga/subscription';
import { resolvers } from './resolvers/index.js';
import { permissions } from './auth/permissions.js';
import { guardTextArguments } from './resolvers/input-guard.js';

/** The schema as written in code, before middleware: what schema.graphql holds. */
export async function buildBaseSchema(): Promise<GraphQLSchema> {
  // Our only subscription streams from the task event log (its own `subscribe`); type-graphql still
  // insists on a pubSub, so it gets an in-memory one that nothing publishes to.
  return buildSchema({ resolvers, validate: false, pubSub: createPubSub() });
}

type Resolve = (parent: unknown, args: Record<string, unknown>, ctx: unknown, info: GraphQLResolveInfo) => unknown;
type Middleware = (next: Resolve, parent: unknown, args: Record<string, unknown>, ctx: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * Permissions apply to root fields only (the rule tree names nothing else): wrapping every leaf
 * field would put an async call on each field of each event to each subscriber. For subscriptions
 * the rule wraps `subscribe`, checked once when the stream opens, not `resolve` (which graphql-shield
 * would otherwise wrap, leaving `subscribe` unchecked).
 */
export async function buildAppSchema(): Promise<{ schema: GraphQLSchema; base: GraphQLSchema }> {
  // The text rule wraps the resolvers first, so the permission middleware wraps it: a caller who
  // may not call a field learns nothing from its arguments.
  const base = guardTextArguments(await buildBaseSchema());
  const generated = (
    permissions as unknown as { generate(s: GraphQLSchema): Record<string, Record<string, Middleware | { resolve: Middleware }>> }
  ).generate(base);
  const schema = applyMiddleware(base, { Query: generated.Query, Mutation: generated.Mutation } as never);
  for (const [name, field] of Object.entries(schema.getSubscriptionType()?.getFields() ?? {})) {
    const entry = generated.Subscription?.[name];
    const mw = typeof entry === 'function' ? entry : entry?.resolve;
    const subscribe = field.subscribe;
    if (mw && subscribe) field.subscribe = (p, a, c, i) => mw((p2, a2, c2, i2) => subscribe(p2, a2, c2, i2), p, a, c, i) as never;
  }
  return { base, schema };
}

export function printSdl(schema: GraphQLSchema): string {
  return (
    '# Generated from the type-graphql code by `npm run schema:emit`; a test fails when it drifts.\n\n' +
    printSchema(lexicographicSortSchema(schema)) +
    '\n'
  );
}
