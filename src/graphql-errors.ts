// One error shape for HTTP and WebSocket: a stable extensions.code on every error; unknown errors
// are INTERNAL_SERVER_ERROR with their message hidden in production.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isAppError, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  opts: { production: boolean; logger: Logger },
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isAppError(original)) {
    return {
      ...formatted,
      message: original.message,
      extensions: { ...(original.details ?? {}), ...(original.retryable ? { retryable: true } : {}), code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  // graphql-js errors (validation, coercion) have no originalError and are the client's fault.
  if (error instanceof GraphQLError && !error.originalError)
    return { ...formatted, extensions: { ...formatted.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } };
  opts.logger.error('unexpected error in a resolver', { error: original, path: formatted.path });
  return {
    message: opts.production ? 'Internal server error' : formatted.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
