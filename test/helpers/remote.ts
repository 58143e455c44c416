// Typed GraphQL over real HTTP and WebSocket against a Klike running elsewhere (a child process).
import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, SignUpDocument } from '../generated/graphql.js';
import { uploadTo } from './app.js';

export interface Remote {
  url: string;
  token: string;
  gql<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<ExecutionResult<R>>;
  ok<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R>;
  ws(opts?: Partial<ClientOptions>): Client;
  /** Uploads and confirms a file; returns the task id. */
  analyze(file: string): Promise<string>;
  dispose(): Promise<void>;
}

export async function connectRemote(url: string, wsUrl = url.replace(/^http/, 'ws')): Promise<Remote> {
  const clients: Client[] = [];
  const r: Remote = {
    url,
    token: '',
    async gql(doc, variables) {
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
        body: JSON.stringify({ query: print(doc), variables }),
      });
      return (await res.json()) as ExecutionResult<never>;
    },
    async ok(doc, variables) {
      const res = await r.gql(doc, variables);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${res.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
      return res.data!;
    },
    ws(opts) {
      const c = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${r.token}` }, retryAttempts: 0, lazy: true, ...opts });
      clients.push(c);
      return c;
    },
    async analyze(file) {
      const { size } = await fs.stat(file);
      const { createVideoUpload: up } = await r.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
      const put = await uploadTo(up, file);
      if (put.status !== 200) throw new Error(`upload failed: ${put.status}`);
      const { confirmVideoUpload: c } = await r.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
      return c.task.id;
    },
    async dispose() {
      for (const c of clients) await c.dispose();
    },
  };
  const me = await r.ok(SignUpDocument, { input: { email: `ops-${randomUUID()}@example.com`, password: 'correct horse battery' } });
  r.token = me.signUp.token;
  return r;
}
