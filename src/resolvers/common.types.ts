// GraphQL types shared by several domains: coded errors, HTTP headers, Relay page info.
// Every field has an explicit type function: tsx/esbuild emit no decorator metadata, so nothing may
// rely on reflected types.
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCode } from '../errors.js';

/**
 * A GraphQL enum's object (each name its own value) from a domain list, so the list stays the one
 * declaration of the set: `registerEnumType(enumOf(LIST), …)`.
 */
export function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable error codes, as in GraphQL `extensions.code`: branch on these, never on messages.',
});

@ObjectType()
export class HttpHeader {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ description: 'A coded error: branch on `code`, show `message`.' })
export class TaskError {
  @Field(() => ErrorCode) code!: ErrorCode;
  @Field(() => String) message!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
