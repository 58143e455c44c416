// Builds the executable schema: type-graphql resolvers, wrapped by graphql-shield permissions.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { applyMiddleware } from './auth/shield.js';
import { createPubSub } from '@graphql-yoga/subscription';
import { resolvers } from './resolvers/index.js';
import { permissions } from './auth/permissions.js';

/** The schema as written in code, before middleware: what schema.graphql holds. */
export async function buildBaseSchema(): Promise<GraphQLSchema> {
  // Our only subscription streams from the task event log (its own `subscribe`); type-graphql still
  // insists on a pubSub, so it gets an in-memory one that nothing publishes to.
  return buildSchema({ resolvers, validate: false, pubSub: createPubSub() });
}

export async function buildAppSchema(): Promise<{ schema: GraphQLSchema; base: GraphQLSchema }> {
  const base = await buildBaseSchema();
  return { base, schema: applyMiddleware(base, permissions) };
}

export function printSdl(schema: GraphQLSchema): string {
  return '# Generated from the type-graphql code by `npm run schema:emit`; a test fails when it drifts.\n\n' + printSchema(lexicographicSortSchema(schema)) + '\n';
}
