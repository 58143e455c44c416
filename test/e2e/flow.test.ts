// The whole flow on real parts: signed upload over HTTP, confirm, a pg-boss job, the pipeline with
// real ffmpeg, and every state change streamed over graphql-ws.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeTextFile, makeTruncatedVideo, makeVideo } from '../helpers/media.js';
import {
  AnalyzeVideoDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, GetVideoDocument,
  ListTasksDocument, ListVideosDocument, TaskUpdatedDocument, type TaskUpdatedSubscription,
} from '../generated/graphql.js';

const ORDER = ['QUEUED', 'PROCESSING', 'EXTRACTING_AUDIO', 'TRANSCRIBING', 'ANALYZING_AI', 'GENERATING_RECOMMENDATIONS', 'COMPLETED'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

async function uploadFile(file: string, contentType = 'video/mp4', filename = 'ad.mp4') {
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename, contentType, sizeBytes: size, title: 'Spring sale' } });
  const put = await uploadTo(up, file);
  expect(put.status).toBe(200);
  return up.video.id;
}

async function finished(taskId: string, afterSequence?: number) {
  const { events, errors } = await collect(t.ws(), TaskUpdatedDocument, { taskId, afterSequence });
  expect(errors).toEqual([]);
  return events.map((e: TaskUpdatedSubscription) => e.taskUpdated);
}

describe('upload → confirm → job → live progress → result', () => {
  it('streams every transition in order and stores a result built from measured facts', async () => {
    const file = await makeVideo({ seconds: 3, width: 640, height: 360, audio: 'tone', cutsAt: [1] });
    const videoId = await uploadFile(file);
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId, analysis: { platforms: ['TIKTOK', 'YOUTUBE'] } } });
    expect(c.video.status).toBe('UPLOADED');
    expect(c.video.media?.video?.width).toBe(640);
    expect(c.task.status).toBe('QUEUED');

    const events = await finished(c.task.id);
    // Contiguous sequences from 1, no duplicates.
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    // Statuses only move forward through the stage order, each stage seen.
    const distinct = events.map((e) => e.status).filter((s, i, a) => i === 0 || a[i - 1] !== s);
    expect(distinct).toEqual(ORDER);
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);

    const { task } = await t.ok(GetTaskDocument, { id: c.task.id });
    expect(task?.status).toBe('COMPLETED');
    expect(task?.finishedAt).toBeTruthy();
    // The stored log is exactly what was streamed.
    expect(task?.events.map((e) => [e.sequence, e.status, e.progress])).toEqual(events.map((e) => [e.sequence, e.status, e.progress]));
    const r = task!.result!;
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
    expect(r.grade).toBe(r.score >= 76 ? 'A' : r.score >= 51 ? 'B' : r.score >= 26 ? 'C' : 'D');
    expect(r.media.video?.displayAspectRatio).toBe('16:9');
    expect(r.media.durationSeconds).toBeCloseTo(3, 0);
    // 16:9 targeting TikTok: the horizontal-video issue fires, and only for the vertical platform.
    const horizontal = r.detectedIssues.find((i) => i.code === 'HORIZONTAL_ON_VERTICAL');
    expect(horizontal?.platforms).toEqual(['TIKTOK']);
    expect(r.checks.find((c) => c.code === 'AUDIO_PRESENT')?.passed).toBe(true);
    // Facts from the one-pass analysis: the cut at 1 s, the −20 dBFS tone's loudness, stills by URL.
    expect(r.media.shots).toHaveLength(2);
    expect(Math.abs(r.media.firstCutAt! - 1)).toBeLessThanOrEqual(0.04);
    expect(r.checks.find((c) => c.code === 'DYNAMIC_START')).toMatchObject({ passed: true, atSeconds: r.media.firstCutAt });
    expect(r.media.loudness?.integrated).toBeCloseTo(-23.7, 0);
    expect(r.media.silentOpeningSeconds).toBe(0);
    expect(r.media.thumbnails.map((x) => x.kind)).toEqual(['POSTER', 'AT_0S', 'SHOT', 'SHOT']);
    const still = await fetch(r.media.thumbnails[0]!.url);
    expect(still.status).toBe(200);
    expect([...new Uint8Array(await still.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);

    // The whole offline result: nine rule-based metrics and the four audiences, scored and graded.
    const grade = (n: number) => (n >= 76 ? 'A' : n >= 51 ? 'B' : n >= 26 ? 'C' : 'D');
    expect(r).toMatchObject({ provider: 'offline', ruleBased: true, language: 'EN', fallbacks: [], usage: [], cost: { totalUsd: 0, items: [] } });
    expect(r.creativeMetrics.map((m) => m.code)).toEqual([
      'HOOK', 'STORYTELLING', 'EMOTIONAL_CONNECTION', 'AUDIO_VOICE_SUBTITLES', 'PRODUCT_FOCUS', 'VALUE_PROPOSITION', 'CALL_TO_ACTION', 'COMMUNITY', 'RESOLUTION_QUALITY',
    ]);
    for (const m of r.creativeMetrics) {
      expect(m).toMatchObject({ source: 'RULES', grade: grade(m.score) });
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(100);
      expect(m.title).not.toBe('');
      expect(m.evidence).toMatch(/^Rule-based/);
    }
    // The cut at 1 s and sound from the start make a good hook; there is no speech to judge a CTA by.
    expect(r.creativeMetrics[0]!.score).toBeGreaterThan(50);
    expect(r.creativeMetrics.find((m) => m.code === 'CALL_TO_ACTION')!.evidence).toContain('little signal');
    expect(r.audienceScores.map((a) => [a.audience, a.source])).toEqual([['GEN_Z', 'RULES'], ['MILLENNIALS', 'RULES'], ['GEN_X', 'RULES'], ['BOOMERS', 'RULES']]);
    expect(r.audienceScores.every((a) => a.score >= 0 && a.score <= 100 && a.reasoning.startsWith('Rule-based'))).toBe(true);
    // score = scoreBeforePenalties − one penalty per issue kind, clamped.
    expect(r.penalties.map((p) => p.issueCode).sort()).toEqual([...new Set(r.detectedIssues.map((i) => i.code))].sort());
    expect(r.penalties.find((p) => p.issueCode === 'HORIZONTAL_ON_VERTICAL')?.points).toBe(3);
    expect(r.score).toBe(Math.max(0, r.scoreBeforePenalties - r.penalties.reduce((a, p) => a + p.points, 0)));
    for (const i of r.detectedIssues) expect(i.evidenceFrames).toHaveLength(i.atSeconds === null ? 0 : 1);
    // Recommendations ranked 1…n, each rated, and grouped four ways.
    expect(r.recommendations.map((x) => x.priority)).toEqual(r.recommendations.map((_, i) => i + 1));
    for (const x of r.recommendations) {
      expect(['METRIC', 'ISSUE', 'PLATFORM', 'AUDIENCE']).toContain(x.category);
      for (const level of [x.severity, x.impact, x.effort]) expect(['LOW', 'MEDIUM', 'HIGH']).toContain(level);
      expect(x.source).toBe('RULES');
      expect(x.timestampLabel).toBe(x.atSeconds === null ? null : `0:0${Math.floor(x.atSeconds)}`);
    }
    const rank = (x: { severity: string }) => ({ HIGH: 3, MEDIUM: 2, LOW: 1 })[x.severity]!;
    expect(rank(r.recommendations[0]!)).toBe(Math.max(...r.recommendations.map(rank)));
    expect(r.recommendations.find((x) => x.category === 'ISSUE' && x.target === 'HORIZONTAL_ON_VERTICAL')?.text).toContain('9:16');
    expect(r.actions.byPlatform.map((g) => g.target)).toEqual(['TIKTOK', 'YOUTUBE']);
    expect(r.actions.byAudience.map((g) => g.target)).toEqual(['GEN_Z', 'MILLENNIALS', 'GEN_X', 'BOOMERS']);
    expect(r.actions.byIssue.map((g) => g.target)).toContain('HORIZONTAL_ON_VERTICAL');
    const grouped = [...r.actions.byMetric, ...r.actions.byIssue, ...r.actions.byPlatform, ...r.actions.byAudience].flatMap((g) => g.recommendations.map((x) => x.priority));
    expect(grouped.sort((a, b) => a - b)).toEqual(r.recommendations.map((x) => x.priority));
    expect(r.summary).toContain(`Score ${r.score}/100 (${r.grade})`);
  });

  it('confirm is idempotent, also when confirmations race', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 1 }));
    const results = await Promise.all([1, 2, 3].map(() => t.ok(ConfirmVideoUploadDocument, { input: { videoId } })));
    const ids = new Set(results.map((r) => r.confirmVideoUpload.task.id));
    expect(ids.size).toBe(1);
    const again = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    expect(again.confirmVideoUpload.task.id).toBe([...ids][0]);
    const { video } = await t.ok(GetVideoDocument, { id: videoId });
    expect(video?.tasks).toHaveLength(1);
    await finished([...ids][0]!);
  });

  it('replays after a sequence and completes at once for a finished task', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 1 }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    const all = await finished(c.task.id);
    const last = all.at(-1)!.sequence;
    const resumed = await finished(c.task.id, 3);
    expect(resumed.map((e) => e.sequence)).toEqual(all.slice(3).map((e) => e.sequence));
    expect(await finished(c.task.id, last)).toEqual([]);
  });

  it('a subscriber that joins mid-run misses nothing and sees nothing twice', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 2 }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    // Several clients subscribing at slightly different moments of the same run.
    const runs = await Promise.all([0, 5, 20, 60].map((ms) => new Promise<number[]>((res) => setTimeout(() => finished(c.task.id).then((ev) => res(ev.map((e) => e.sequence))), ms))));
    for (const seqs of runs) expect(seqs).toEqual(runs[0]);
    expect(runs[0]!.at(-1)).toBe(runs[0]!.length);
  });

  it('re-analyses an uploaded video as a new task', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 1 }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId, analysis: { platforms: ['YOUTUBE_SHORTS'] } } });
    expect(analyzeVideo.task.id).not.toBe(c.task.id);
    const ev = await finished(analyzeVideo.task.id);
    expect(ev.at(-1)?.status).toBe('COMPLETED');
    const { video } = await t.ok(GetVideoDocument, { id: videoId });
    expect(video?.tasks.map((x) => x.id).sort()).toEqual([c.task.id, analyzeVideo.task.id].sort());
  });

  it('completes a video with no audio stream and says so in the result', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 1, audio: 'none' }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    const ev = await finished(c.task.id);
    expect(ev.at(-1)?.status).toBe('COMPLETED');
    const { task } = await t.ok(GetTaskDocument, { id: c.task.id });
    expect(task?.result?.detectedIssues.map((i) => i.code)).toContain('NO_AUDIO_STREAM');
    expect(task?.result?.transcript.available).toBe(false);
    expect(task?.result?.transcript.unavailableReason).toBe('NO_AUDIO_STREAM');
  });

  it('pages through videos and tasks with Relay cursors, batching relations', async () => {
    const first = await t.ok(ListVideosDocument, { first: 2 });
    expect(first.videos.edges).toHaveLength(2);
    expect(first.videos.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(ListVideosDocument, { first: 2, after: first.videos.pageInfo.endCursor });
    const ids = [...first.videos.edges, ...next.videos.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of first.videos.edges) for (const task of e.node.tasks) expect(task.video.id).toBe(e.node.id);
    const completed = await t.ok(ListTasksDocument, { first: 50, status: 'COMPLETED' });
    expect(completed.tasks.edges.length).toBeGreaterThan(0);
    expect(completed.tasks.edges.every((e) => e.node.status === 'COMPLETED')).toBe(true);
    expect(codes(await t.gql(ListVideosDocument, { first: 2, after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(ListVideosDocument, { first: 1000 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('bad input gets a coded error and the service keeps working', () => {
  it('rejects a content type that is not video, and sizes out of bounds', async () => {
    expect(codes(await t.gql(CreateVideoUploadDocument, { input: { filename: 'a.txt', contentType: 'text/plain', sizeBytes: 10 } }))).toEqual(['UNSUPPORTED_MEDIA']);
    expect(codes(await t.gql(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 0 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 2_100_000_000 } }))).toEqual(['UPLOAD_TOO_LARGE']);
  });

  it('confirm before upload is UPLOAD_MISSING; unknown or malformed ids are NOT_FOUND', async () => {
    const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'x.mp4', contentType: 'video/mp4', sizeBytes: 1000 } });
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: createVideoUpload.video.id } }))).toEqual(['UPLOAD_MISSING']);
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: '00000000-0000-4000-8000-000000000000' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: '../../etc/passwd' } }))).toEqual(['NOT_FOUND']);
    expect((await t.ok(GetTaskDocument, { id: '00000000-0000-4000-8000-000000000000' })).task).toBeNull();
    const sub = await collect(t.ws(), TaskUpdatedDocument, { taskId: '00000000-0000-4000-8000-000000000000' });
    expect(sub.events).toEqual([]);
    expect((sub.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('NOT_FOUND');
  });

  it('a stored object whose size differs from the declared one is UPLOAD_SIZE_MISMATCH', async () => {
    const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'x.mp4', contentType: 'video/mp4', sizeBytes: 5000 } });
    // A misbehaving client talking to storage directly (S3 does not enforce the declared length by itself).
    const key = new URL(createVideoUpload.uploadUrl).pathname.replace(/^\/storage\/upload\//, '');
    await t.app.storage.putObject(decodeURIComponent(key), Buffer.alloc(4000), 'video/mp4');
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: createVideoUpload.video.id } }))).toEqual(['UPLOAD_SIZE_MISMATCH']);
  });

  it('a text file named .mp4 is UNSUPPORTED_MEDIA and the video REJECTED', async () => {
    const videoId = await uploadFile(await makeTextFile(), 'video/mp4', 'notes.mp4');
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId } }))).toEqual(['UNSUPPORTED_MEDIA']);
    const { video } = await t.ok(GetVideoDocument, { id: videoId });
    expect(video?.status).toBe('REJECTED');
    expect(video?.rejection?.code).toBe('UNSUPPORTED_MEDIA');
    // Confirming again gives the same answer; re-analysis is refused the same way.
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId } }))).toEqual(['UNSUPPORTED_MEDIA']);
    expect(codes(await t.gql(AnalyzeVideoDocument, { input: { videoId } }))).toEqual(['UNSUPPORTED_MEDIA']);
  });

  it('a truncated video is rejected at confirm or fails its task with a code, never hangs', async () => {
    const videoId = await uploadFile(await makeTruncatedVideo({ seconds: 3 }));
    const r = await t.gql(ConfirmVideoUploadDocument, { input: { videoId } });
    if (r.errors) {
      expect(codes(r)).toEqual(['UNSUPPORTED_MEDIA']);
      return;
    }
    const ev = await finished(r.data!.confirmVideoUpload.task.id);
    const last = ev.at(-1)!;
    expect(['COMPLETED', 'FAILED']).toContain(last.status);
    if (last.status === 'FAILED') expect(last.error?.code).toMatch(/^[A-Z_]+$/);
  });

  it('the service still works after all of that', async () => {
    const videoId = await uploadFile(await makeVideo({ seconds: 1 }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    expect((await finished(c.task.id)).at(-1)?.status).toBe('COMPLETED');
  });
});
