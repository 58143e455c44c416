// Who may do what: two users and an admin (and nobody) × every operation, including the
// subscription, each cell asserting the coded outcome.
import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import {
  AnalyzeVideoDocument, ApiKeysDocument, CancelTaskDocument, ConfirmCaptionUploadDocument, ConfirmVideoUploadDocument, CreateApiKeyDocument,
  CreateCaptionUploadDocument, CreateVideoUploadDocument,
  GetTaskDocument, GetVideoDocument, HealthDocument, ListTasksDocument, ListVideosDocument, MeDocument, RevokeApiKeyDocument, TaskUpdatedDocument,
} from '../generated/graphql.js';

type Who = 'anonymous' | 'owner' | 'other' | 'admin';
const WHO: Who[] = ['anonymous', 'owner', 'other', 'admin'];

let t: TestApp;
const tokens: Record<Who, string> = { anonymous: '', owner: '', other: '', admin: '' };
let videoId: string;
let taskId: string;
let ownerKeyId: string;
let captionId: string;

beforeAll(async () => {
  t = await startTestApp({ role: 'api' }); // no worker: tasks stay QUEUED, so every cell sees the same state
  tokens.owner = t.token;
  tokens.other = (await t.signUp()).token;
  const admin = await t.signUp('boss@example.com');
  const db = new pg.Client({ connectionString: t.dbUrl });
  await db.connect();
  await db.query(`UPDATE klike.users SET role = 'admin' WHERE id = $1`, [admin.userId]);
  await db.end();
  tokens.admin = admin.token;

  const file = await makeVideo({ seconds: 1 });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
  await uploadTo(up, file);
  videoId = up.video.id;
  taskId = (await t.ok(ConfirmVideoUploadDocument, { input: { videoId } })).confirmVideoUpload.task.id;
  ownerKeyId = (await t.ok(CreateApiKeyDocument, { name: 'ci' })).createApiKey.apiKey.id;
  // Created but never uploaded: confirming it is UPLOAD_MISSING for whoever may see it.
  captionId = (await t.ok(CreateCaptionUploadDocument, { input: { videoId, filename: 'c.srt', contentType: 'application/x-subrip', sizeBytes: 10 } })).createCaptionUpload.caption.id;
});
afterAll(() => t?.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDoc = TypedDocumentNode<any, any>;
const as = <R = unknown, _V = unknown>(who: Who, doc: AnyDoc, vars?: object) =>
  t.gql(doc, vars, { authorization: tokens[who] ? `Bearer ${tokens[who]}` : '' }) as Promise<ExecutionResult<R>>;

/** 'ok', or the error code. */
const outcome = (r: ExecutionResult<unknown>) => (r.errors?.length ? codes(r)[0] : 'ok');

async function newTaskOfOwner(): Promise<string> {
  const r = await as<{ analyzeVideo: { task: { id: string } } }, unknown>('owner', AnalyzeVideoDocument, { input: { videoId } });
  return r.data!.analyzeVideo.task.id;
}

describe('authorization matrix', () => {
  const cells: [string, (who: Who) => Promise<unknown>, Record<Who, unknown>][] = [
    ['health', async (w) => outcome(await as(w, HealthDocument)), { anonymous: 'ok', owner: 'ok', other: 'ok', admin: 'ok' }],
    ['me', async (w) => outcome(await as(w, MeDocument)), { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', admin: 'ok' }],
    ['video(owner’s id)', async (w) => {
      const r = await as<{ video: { id: string } | null }, unknown>(w, GetVideoDocument, { id: videoId });
      return r.errors ? outcome(r) : r.data!.video ? 'visible' : 'null';
    }, { anonymous: 'UNAUTHENTICATED', owner: 'visible', other: 'null', admin: 'visible' }],
    ['videos', async (w) => {
      const r = await as<{ videos: { edges: { node: { id: string } }[] } }, unknown>(w, ListVideosDocument, { first: 50 });
      return r.errors ? outcome(r) : r.data!.videos.edges.some((e) => e.node.id === videoId) ? 'includes' : 'excludes';
    }, { anonymous: 'UNAUTHENTICATED', owner: 'includes', other: 'excludes', admin: 'includes' }],
    ['task(owner’s id)', async (w) => {
      const r = await as<{ task: { id: string } | null }, unknown>(w, GetTaskDocument, { id: taskId });
      return r.errors ? outcome(r) : r.data!.task ? 'visible' : 'null';
    }, { anonymous: 'UNAUTHENTICATED', owner: 'visible', other: 'null', admin: 'visible' }],
    ['tasks', async (w) => {
      const r = await as<{ tasks: { edges: { node: { id: string } }[] } }, unknown>(w, ListTasksDocument, { first: 50 });
      return r.errors ? outcome(r) : r.data!.tasks.edges.some((e) => e.node.id === taskId) ? 'includes' : 'excludes';
    }, { anonymous: 'UNAUTHENTICATED', owner: 'includes', other: 'excludes', admin: 'includes' }],
    ['createVideoUpload', async (w) => outcome(await as(w, CreateVideoUploadDocument, { input: { filename: 'b.mp4', contentType: 'video/mp4', sizeBytes: 100 } })),
      { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', admin: 'ok' }],
    ['confirmVideoUpload(owner’s video)', async (w) => {
      const r = await as<{ confirmVideoUpload: { task: { id: string } } }, unknown>(w, ConfirmVideoUploadDocument, { input: { videoId } });
      return r.errors ? outcome(r) : r.data!.confirmVideoUpload.task.id === taskId ? 'same task' : 'other task';
    }, { anonymous: 'UNAUTHENTICATED', owner: 'same task', other: 'NOT_FOUND', admin: 'same task' }],
    ['analyzeVideo(owner’s video)', async (w) => outcome(await as(w, AnalyzeVideoDocument, { input: { videoId } })),
      { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', admin: 'ok' }],
    ['cancelTask(owner’s task)', async (w) => outcome(await as(w, CancelTaskDocument, { id: await newTaskOfOwner() })),
      { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', admin: 'ok' }],
    ['createCaptionUpload(owner’s video)', async (w) =>
      outcome(await as(w, CreateCaptionUploadDocument, { input: { videoId, filename: 'c.vtt', contentType: 'text/vtt', sizeBytes: 10 } })),
      { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', admin: 'ok' }],
    ['confirmCaptionUpload(owner’s caption)', async (w) => outcome(await as(w, ConfirmCaptionUploadDocument, { input: { captionId } })),
      { anonymous: 'UNAUTHENTICATED', owner: 'UPLOAD_MISSING', other: 'NOT_FOUND', admin: 'UPLOAD_MISSING' }],
    ['apiKeys', async (w) => outcome(await as(w, ApiKeysDocument)), { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', admin: 'ok' }],
    ['createApiKey', async (w) => outcome(await as(w, CreateApiKeyDocument, { name: 'k' })), { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', admin: 'ok' }],
    // Keys are personal: not even an admin revokes someone else's through this mutation.
    ['revokeApiKey(owner’s key)', async (w) => (w === 'owner' ? 'skip' : outcome(await as(w, RevokeApiKeyDocument, { id: ownerKeyId }))),
      { anonymous: 'UNAUTHENTICATED', owner: 'skip', other: 'NOT_FOUND', admin: 'NOT_FOUND' }],
    ['taskUpdated(owner’s task)', async (w) => {
      const client = t.ws(tokens[w] ? { authorization: `Bearer ${tokens[w]}` } : {});
      // A queued task never ends here (no worker): take the first event, or the error.
      return new Promise((resolve) => {
        const stop = client.subscribe({ query: print(TaskUpdatedDocument), variables: { taskId } }, {
          next: (r) => {
            stop();
            resolve(r.errors ? (r.errors[0]!.extensions as { code?: string }).code : `event ${(r.data as { taskUpdated: { sequence: number } }).taskUpdated.sequence}`);
          },
          error: (e) => resolve(Array.isArray(e) ? (e[0] as { extensions?: { code?: string } }).extensions?.code : String(e)),
          complete: () => resolve('completed'),
        });
      });
    }, { anonymous: 'UNAUTHENTICATED', owner: 'event 1', other: 'NOT_FOUND', admin: 'event 1' }],
  ];

  for (const [name, run, expected] of cells) {
    it(name, async () => {
      const got: Record<string, unknown> = {};
      for (const w of WHO) got[w] = await run(w);
      expect(got).toEqual(expected);
    });
  }

  it('another user learns nothing from a subscription: NOT_FOUND before any event', async () => {
    const { events, errors } = await collect(t.ws({ authorization: `Bearer ${tokens.other}` }), TaskUpdatedDocument, { taskId });
    expect(events).toEqual([]);
    expect((errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('NOT_FOUND');
  });
});
