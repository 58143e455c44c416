// Starts the real app (API and/or worker) on a fresh cloned database and a free port, with typed
// GraphQL helpers over real HTTP and WebSocket clients.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type App, type Role, type StartOptions } from '../../src/app.js';
import { createTestDatabase } from './db.js';
import { randomUUID } from 'node:crypto';
import { SignUpDocument } from '../generated/graphql.js';

export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  dbUrl: string;
  dataDir: string;
  env: Record<string, string>;
  /** The default user's access token, sent by gql/ok/ws unless told otherwise. */
  token: string;
  userId: string;
  /** A new account; returns its session. */
  signUp(email?: string): Promise<{ token: string; refreshToken: string; userId: string }>;
  gql<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<ExecutionResult<R>>;
  /** Data or throw with the errors' codes, for steps that must succeed. */
  ok<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R>;
  ws(params?: Record<string, unknown>): Client;
  stop(): Promise<void>;
}

export async function startTestApp(opts: { role?: Role; env?: Record<string, string>; db?: { url: string; drop: () => Promise<void> }; engines?: StartOptions['engines']; skipSignUp?: boolean; tmpDir?: string } = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-app-'));
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOB_SUPERVISE_SECONDS: '1',
    // Suites sign up many users from one address; the abuse tests set their own limits.
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // Suites queue many tasks per user; the quota test sets its own.
    MAX_ACTIVE_TASKS_PER_USER: '100000',
    // The eyes cost seconds per task; the perception suites turn them on.
    OCR_ENGINE: 'none',
    FACE_ENGINE: 'none',
    ...opts.env,
  };
  const config = loadConfig(env);
  const app = await startApp(config, createLogger(config.logLevel), opts.role ?? 'all', { port: 0, engines: opts.engines, tmpDir: opts.tmpDir });
  const url = app.api?.url ?? '';
  const clients: Client[] = [];
  const t: TestApp = {
    app,
    url,
    wsUrl: app.api?.wsUrl ?? '',
    dbUrl: db.url,
    dataDir,
    env,
    token: '',
    userId: '',
    async signUp(email) {
      const r = await t.gql(SignUpDocument, { input: { email: email ?? `user-${randomUUID()}@example.com`, password: 'correct horse battery' } }, { authorization: '' });
      if (r.errors?.length || !r.data) throw new Error(`signUp failed: ${JSON.stringify(r.errors)}`);
      return { token: r.data.signUp.token, refreshToken: r.data.signUp.refreshToken, userId: r.data.signUp.user.id };
    },
    async gql(doc, variables, headers) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}`, ...headers },
        body: JSON.stringify({ query: print(doc), variables }),
      });
      return (await res.json()) as ExecutionResult<never>;
    },
    async ok(doc, variables) {
      const r = await t.gql(doc, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
      return r.data!;
    },
    ws(params) {
      const c = createClient({ url: t.wsUrl, webSocketImpl: WebSocket, connectionParams: params ?? { authorization: `Bearer ${t.token}` }, retryAttempts: 0, lazy: true });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) await c.dispose();
      await app.stop();
      if (!opts.db) await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  if (app.api && !opts.skipSignUp) {
    const me = await t.signUp();
    t.token = me.token;
    t.userId = me.userId;
  }
  return t;
}

export const codes = (r: ExecutionResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);

/** Subscribes and collects every event until the server completes the stream (or it errors). */
export function collect<R, V>(client: Client, doc: TypedDocumentNode<R, V>, variables: V, onEvent?: (r: R) => void): Promise<{ events: R[]; errors: unknown[] }> {
  return new Promise((resolve) => {
    const events: R[] = [];
    const errors: unknown[] = [];
    client.subscribe<R>(
      { query: print(doc), variables: variables as Record<string, unknown> },
      {
        next: (r) => {
          if (r.errors) errors.push(...r.errors);
          if (r.data) {
            events.push(r.data as R);
            onEvent?.(r.data as R);
          }
        },
        error: (e) => {
          errors.push(e);
          resolve({ events, errors });
        },
        complete: () => resolve({ events, errors }),
      },
    );
  });
}

/** PUTs a file to a signed upload URL the way a browser or mobile app would. */
export async function uploadTo(upload: { uploadUrl: string; uploadMethod: string; uploadHeaders: { name: string; value: string }[] }, file: string): Promise<Response> {
  const body = await fs.readFile(file);
  return fetch(upload.uploadUrl, {
    method: upload.uploadMethod,
    headers: Object.fromEntries(upload.uploadHeaders.map((h) => [h.name, h.value])),
    body,
  });
}
