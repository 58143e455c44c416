// createKlikeClient: GraphQL over HTTP (fetch) and WebSocket (graphql-ws), with the two flows every
// consumer needs: upload a video (create → PUT to the signed URL → confirm) and follow a task live.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import {
  AnalyzeVideoDocument, CancelTaskDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, TaskResultDocument,
  TaskUpdatedDocument, type AnalysisOptionsInput, type ConfirmVideoUploadMutation, type TaskEventFieldsFragment,
  type TaskResultQuery, type TaskSummaryFragment,
} from './generated/graphql.js';
import { toUploadBody, type UploadSource } from './upload.js';

export type TaskEvent = TaskEventFieldsFragment;
export type TaskSummary = TaskSummaryFragment;
export type TaskWithResult = NonNullable<TaskResultQuery['task']>;

/** Statuses after which a task never changes again (the subscription completes after them). */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Any failure of a call: `code` is the API's stable `extensions.code`, or a client-side one. */
export class KlikeError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'KlikeError';
    this.code = code;
    this.details = details;
  }
}

export interface KlikeClientOptions {
  /** The API's GraphQL URL, e.g. http://localhost:4000/graphql (WebSocket: the same with ws[s]://). */
  url: string;
  /** An access token or API key (`klk_…`), sent as `Authorization: Bearer …`. */
  token?: string;
  /** Called before each request and each WebSocket (re)connection; wins over `token`. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** (Default: globalThis.fetch) */
  fetch?: typeof fetch;
  /** (Default: globalThis.WebSocket) */
  webSocketImpl?: unknown;
  /** Reconnection attempts of the WebSocket before watchTask gives up. (Default: 30) */
  retryAttempts?: number;
}

export interface UploadVideoOptions {
  /** (Default: the path's base name, the Blob's name, else "video.mp4") */
  filename?: string;
  /** (Default: from the Blob's type or the file extension, else video/mp4) */
  contentType?: string;
  title?: string;
  /** Analysis options for the task that confirming starts. */
  analysis?: AnalysisOptionsInput;
  /** The same key from the same user returns the same upload instead of creating another. */
  idempotencyKey?: string;
  /** Bytes sent so far, during the PUT. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface WatchTaskOptions {
  /** Events up to and including this sequence are not delivered. (Default: 0, the whole log) */
  afterSequence?: number;
  /** Every event once, in sequence order, across reconnects. */
  onEvent?: (event: TaskEvent) => void;
  /** Stops watching: the promise rejects with code ABORTED. */
  signal?: AbortSignal;
}

export interface KlikeClient {
  request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V): Promise<R>;
  uploadVideo(file: UploadSource, options?: UploadVideoOptions): Promise<ConfirmVideoUploadMutation['confirmVideoUpload']>;
  /** Resolves with the final event (COMPLETED, FAILED or CANCELLED). */
  watchTask(taskId: string, options?: WatchTaskOptions): Promise<TaskEvent>;
  analyzeVideo(videoId: string, analysis?: AnalysisOptionsInput, idempotencyKey?: string): Promise<TaskSummary>;
  cancelTask(taskId: string): Promise<TaskSummary>;
  getResult(taskId: string): Promise<TaskWithResult>;
  /** Closes the WebSocket, if one was opened. */
  close(): Promise<void>;
}

export function createKlikeClient(options: KlikeClientOptions): KlikeClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const wsUrl = options.url.replace(/^http/, 'ws');
  const token = async () => (options.getToken ? await options.getToken() : options.token) ?? undefined;
  let ws: WsClient | undefined;

  async function request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
    const t = await token();
    let res: Response;
    try {
      res = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
    } catch (e) {
      throw new KlikeError('NETWORK_ERROR', `cannot reach ${options.url}: ${(e as Error).message}`);
    }
    let body: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new KlikeError('BAD_RESPONSE', `${options.url} answered HTTP ${res.status} without GraphQL JSON`);
    }
    const first = body.errors?.[0];
    if (first) throw new KlikeError(String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first.message, first.extensions);
    if (!body.data) throw new KlikeError('BAD_RESPONSE', `HTTP ${res.status} with no data`);
    return body.data;
  }

  function socket(): WsClient {
    ws ??= createWsClient({
      url: wsUrl,
      lazy: true,
      // Read at each (re)connection, so a refreshed token is used after a drop.
      connectionParams: async () => {
        const t = await token();
        return t ? { authorization: `Bearer ${t}` } : {};
      },
      webSocketImpl: options.webSocketImpl,
      retryAttempts: options.retryAttempts ?? 30,
      // Any drop is worth retrying (the default retries only some close codes); 4403 (refused
      // credentials) and 4400 (bad request) are final, whatever the attempt.
      shouldRetry: (e) => !(e && typeof e === 'object' && 'code' in e && [4400, 4403].includes((e as { code: number }).code)),
      retryWait: async (retries) => {
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** retries, 5000) + Math.random() * 200));
      },
    });
    return ws;
  }

  function watchTask(taskId: string, opts: WatchTaskOptions = {}): Promise<TaskEvent> {
    return new Promise<TaskEvent>((resolve, reject) => {
      let last = opts.afterSequence ?? 0;
      let settled = false;
      let unsubscribe = () => {};
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener('abort', onAbort);
        unsubscribe();
        fn();
      };
      const onAbort = () => finish(() => reject(new KlikeError('ABORTED', 'stopped watching')));
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const subscribe = () => {
        // graphql-ws resends this same payload after a reconnect, replaying from the original
        // afterSequence: events at or below the last one delivered are dropped below. A fresh
        // subscription (after a completion without a final event) starts from `last`.
        unsubscribe = socket().subscribe<{ taskUpdated: TaskEvent }>(
          { query: print(TaskUpdatedDocument), variables: { taskId, afterSequence: last } },
          {
            next: (r) => {
              const first = r.errors?.[0];
              if (first) return finish(() => reject(new KlikeError(String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first.message)));
              const e = r.data?.taskUpdated;
              if (!e || e.sequence <= last) return;
              last = e.sequence;
              opts.onEvent?.(e);
              if (FINAL_STATUSES.has(e.status)) finish(() => resolve(e));
            },
            error: (e) => finish(() => reject(toError(e))),
            // The server completes only after a final event; completing earlier is a stream to resume.
            complete: () => {
              if (!settled) subscribe();
            },
          },
        );
      };
      subscribe();
    });
  }

  return {
    request,
    watchTask,
    async uploadVideo(file, o = {}) {
      const body = await toUploadBody(file, o);
      const { createVideoUpload: up } = await request(CreateVideoUploadDocument, {
        input: { filename: body.filename, contentType: body.contentType, sizeBytes: body.size, title: o.title, idempotencyKey: o.idempotencyKey },
      });
      let res: Response;
      try {
        const init = body.init(o.onProgress);
        const headers = { ...Object.fromEntries(up.uploadHeaders.map((h) => [h.name.toLowerCase(), h.value])), ...(init.headers as Record<string, string> | undefined) };
        res = await doFetch(up.uploadUrl, { ...init, method: up.uploadMethod, headers, signal: o.signal });
      } catch (e) {
        throw new KlikeError('UPLOAD_FAILED', `the upload did not complete: ${(e as Error).message}`);
      }
      if (!res.ok) throw new KlikeError('UPLOAD_FAILED', `storage answered HTTP ${res.status} to the upload`, { status: res.status, body: await res.text().catch(() => '') });
      return (await request(ConfirmVideoUploadDocument, { input: { videoId: up.video.id, analysis: o.analysis } })).confirmVideoUpload;
    },
    async analyzeVideo(videoId, analysis, idempotencyKey) {
      return (await request(AnalyzeVideoDocument, { input: { videoId, analysis, idempotencyKey } })).analyzeVideo.task;
    },
    async cancelTask(taskId) {
      return (await request(CancelTaskDocument, { id: taskId })).cancelTask;
    },
    async getResult(taskId) {
      const { task } = await request(TaskResultDocument, { id: taskId });
      if (!task) throw new KlikeError('NOT_FOUND', `no task ${taskId}`);
      return task;
    },
    async close() {
      await ws?.dispose();
      ws = undefined;
    },
  };
}

function toError(e: unknown): KlikeError {
  if (e instanceof KlikeError) return e;
  if (Array.isArray(e)) {
    const first = e[0] as { message?: string; extensions?: { code?: string } } | undefined;
    return new KlikeError(String(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first?.message ?? 'subscription failed');
  }
  // A CloseEvent: 4403 is graphql-ws' "Forbidden" (the credential was refused).
  if (e && typeof e === 'object' && 'code' in e) {
    const code = (e as { code: number; reason?: string }).code;
    return new KlikeError(code === 4403 ? 'UNAUTHENTICATED' : 'CONNECTION_CLOSED', `WebSocket closed (${code}${(e as { reason?: string }).reason ? `: ${(e as { reason?: string }).reason}` : ''})`, { closeCode: code });
  }
  return new KlikeError('NETWORK_ERROR', e instanceof Error ? e.message : String(e));
}
