// One input rule for every string argument of every field, HTTP and WebSocket alike: the schema's
// resolvers (and subscription `subscribe`s) whose arguments can carry text check the coerced
// arguments (variables and literals, nested input objects, lists) before the resolver runs, so no
// resolver, service or query sees a NUL byte or a control character. See src/domain/text.ts.
import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../errors.js';
import { textViolation, type TextViolation } from '../domain/text.js';

/**
 * Arguments and input fields that are names shown on one line (video titles and filenames, caption
 * filenames, API-key names): besides the free-text rule, no tab, line break or bidi control.
 */
export const NAME_ARGUMENTS: ReadonlySet<string> = new Set(['title', 'filename', 'name']);

const NON_TEXT_SCALARS = new Set(['Int', 'Float', 'Boolean']);

function carriesText(type: GraphQLInputType, seen = new Set<GraphQLNamedType>()): boolean {
  const named = getNamedType(type);
  if (seen.has(named)) return false;
  seen.add(named);
  if (isScalarType(named)) return !NON_TEXT_SCALARS.has(named.name);
  if (isInputObjectType(named)) return Object.values(named.getFields()).some((f) => carriesText(f.type, seen));
  return false; // enums: validated by graphql against their values
}

const WHAT: Record<TextViolation['reason'], string> = {
  CONTROL_CHARACTER: 'control characters',
  BIDI_CONTROL: 'bidirectional override or isolate characters',
  MALFORMED_UNICODE: 'unpaired surrogates',
};

function check(value: unknown, key: string, path: string): void {
  if (typeof value === 'string') {
    const name = NAME_ARGUMENTS.has(key);
    const v = textViolation(value, { name });
    if (v) {
      const allowed = name ? '' : ' (tab and line breaks are fine)';
      throw badInput(`${key} must not contain ${WHAT[v.reason]}${allowed}: ${v.codePoint} at ${v.index}`, {
        argument: key,
        path,
        reason: v.reason,
        index: v.index,
        codePoint: v.codePoint,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, key, `${path}.${i}`));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, item] of Object.entries(value)) check(item, k, `${path}.${k}`);
  }
}

/** Throws BAD_USER_INPUT (details: argument, path, reason, index, codePoint) for the first offending string. */
export function checkTextArguments(args: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(args)) check(v, k, k);
}

/** Wraps, in place, every field whose arguments can carry text. Apply before the permission middleware, so permissions run first. */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((a) => carriesText(a.type))) continue;
      if (type === subscription) {
        // Checked once when the stream opens; the per-event resolve gets the same arguments.
        const subscribe = field.subscribe;
        if (subscribe) field.subscribe = (p, args, c, i) => (checkTextArguments(args), subscribe(p, args, c, i));
        continue;
      }
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (p, args, c, i) => (checkTextArguments(args), resolve(p, args, c, i));
    }
  }
  return schema;
}
