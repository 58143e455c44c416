// Cursors are opaque to clients but decoded by us: one that is forged, far in the past or future,
// or not exactly what encodeCursor writes is BAD_USER_INPUT (argument "after"), never a Postgres
// "timestamp out of range" INTERNAL_SERVER_ERROR. Real server, real Postgres, real HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, type TestApp } from '../../helpers/app.js';
import { CreateVideoUploadDocument, ListTasksDocument, ListVideosDocument } from '../../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const cursor = (text: string) => Buffer.from(text).toString('base64url');
const id = randomUUID();

describe('cursor range and shape', () => {
  it.each([
    ['a date far in the past', `-271821-04-20T00:00:00.000Z|${id}`],
    ['a date far in the future', `+275760-09-13T00:00:00.000Z|${id}`],
    ['year 0', `0000-01-01T00:00:00.000Z|${id}`],
    ['before 1970', `1969-12-31T23:59:59.999Z|${id}`],
    ['a date, not an instant', `2024-01-01|${id}`],
    ['a date string JS reads loosely', `Jan 1 2024|${id}`],
    ['a day that does not exist', `2024-02-30T00:00:00.000Z|${id}`],
    ['an extra field', `2024-01-01T00:00:00.000Z|${id}|x`],
    ['no id', '2024-01-01T00:00:00.000Z'],
    ['garbage', '\u00ff\u00fe'],
  ])('%s is BAD_USER_INPUT on videos and tasks', async (_, text) => {
    for (const doc of [ListVideosDocument, ListTasksDocument] as const) {
      const r = await t.gql(doc as typeof ListVideosDocument, { first: 1, after: cursor(text) });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions).toMatchObject({ argument: 'after' });
    }
  });

  it('a cursor the server wrote still pages', async () => {
    for (let i = 0; i < 2; i++) await t.ok(CreateVideoUploadDocument, { input: { filename: `ad${i}.mp4`, contentType: 'video/mp4', sizeBytes: 100 } });
    const first = await t.ok(ListVideosDocument, { first: 1 });
    expect(first.videos.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(ListVideosDocument, { first: 1, after: first.videos.pageInfo.endCursor });
    expect(next.videos.edges).toHaveLength(1);
    expect(next.videos.edges[0]!.node.id).not.toBe(first.videos.edges[0]!.node.id);
  });
});
