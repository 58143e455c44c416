// Stable error codes: clients branch on these (GraphQL `extensions.code`, TaskError.code), never on text.
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A WebSocket already holds WS_MAX_SUBSCRIPTIONS_PER_SOCKET live subscriptions. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** Too many open WebSockets for the user or the address (close code 4429, this code as the reason). */
  TOO_MANY_CONNECTIONS: 'TOO_MANY_CONNECTIONS',
  UNSUPPORTED_MEDIA: 'UNSUPPORTED_MEDIA',
  UPLOAD_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  UPLOAD_MISSING: 'UPLOAD_MISSING',
  UPLOAD_SIZE_MISMATCH: 'UPLOAD_SIZE_MISMATCH',
  UPLOAD_URL_INVALID: 'UPLOAD_URL_INVALID',
  UPLOAD_URL_EXPIRED: 'UPLOAD_URL_EXPIRED',
  INVALID_STATE: 'INVALID_STATE',
  /** The stored upload is not the one confirmed (its ETag/MD5 differs): it was replaced after confirm. */
  SOURCE_CHANGED: 'SOURCE_CHANGED',
  /** The owner already has MAX_ACTIVE_TASKS_PER_USER tasks queued or running. */
  TOO_MANY_ACTIVE_TASKS: 'TOO_MANY_ACTIVE_TASKS',
  /** The video already has CAPTION_MAX_SIDECARS sidecar caption files. */
  TOO_MANY_CAPTIONS: 'TOO_MANY_CAPTIONS',
  MEDIA_DECODE_FAILED: 'MEDIA_DECODE_FAILED',
  STAGE_TIMEOUT: 'STAGE_TIMEOUT',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  AI_PROVIDER_UNAVAILABLE: 'AI_PROVIDER_UNAVAILABLE',
  AUTH_PROVIDER_UNAVAILABLE: 'AUTH_PROVIDER_UNAVAILABLE',
  /** Supabase mode: the account exists but its email is not confirmed yet (no session until it is). */
  EMAIL_NOT_CONFIRMED: 'EMAIL_NOT_CONFIRMED',
  AI_BAD_RESPONSE: 'AI_BAD_RESPONSE',
  WORKER_LOST: 'WORKER_LOST',
  CANCELLED: 'CANCELLED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  /** Whether retrying the same work may succeed (provider hiccups, timeouts), as opposed to bad input. */
  retryable?: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function notFound(what: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
}

export function badInput(message: string, details?: Record<string, unknown>): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { details });
}

/**
 * The abort reason of an attempt stopped because its worker is shutting down: the job is handed
 * back to the queue and the task carries on elsewhere, so it is neither a failure nor a retry.
 */
export class WorkerShutdown extends Error {
  constructor() {
    super('worker shutting down');
    this.name = 'WorkerShutdown';
  }
}
