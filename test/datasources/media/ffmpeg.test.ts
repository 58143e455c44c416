// MediaTools against the real ffmpeg/ffprobe on generated files.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import {
  makeAudioOnly,
  makeFifo,
  makeTextFile,
  makeTruncatedVideo,
  makeVideo,
  scratchPath,
} from '../../helpers/media.js';

const tools = new MediaTools();

describe('MediaTools.capabilities', () => {
  it('finds the analysis filters and the version, once', async () => {
    const caps = await tools.capabilities();
    expect(caps.version).toMatch(/^\S+$/);
    expect(caps.filters).toEqual({ scdet: true, ebur128: true, silencedetect: true, blackdetect: true, freezedetect: true, select: true });
    expect(caps.ffmpegPath).toMatch(/ffmpeg$/);
    expect(caps.ffprobePath).toMatch(/ffprobe$/);
    expect(await tools.capabilities()).toBe(caps);
  });

  it('fails with a coded error when a configured binary does not exist', async () => {
    const broken = new MediaTools({ ffmpegPath: '/nonexistent/ffmpeg' });
    await expect(broken.capabilities()).rejects.toMatchObject({ code: ErrorCode.INTERNAL_SERVER_ERROR, details: { variable: 'FFMPEG_PATH' } });
  });

  it('fails with a coded error when no ffmpeg can be found at all', async () => {
    // No PATH, and npm packages that are not there (the real ones are optional dependencies).
    const none = new MediaTools({ searchPath: '/nonexistent', npmPackages: { ffmpeg: '@klike-test/no-ffmpeg', ffprobe: '@klike-test/no-ffprobe' } });
    await expect(none.probe('/tmp/x.mp4')).rejects.toMatchObject({
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      details: { tool: 'ffmpeg', notes: ['@klike-test/no-ffmpeg: not installed'] },
    });
  });
});

describe('MediaTools.probe', () => {
  it.each([
    { container: 'mp4' as const, codec: 'h264' as const, expected: { container: 'mp4', video: 'h264', audio: 'aac' } },
    { container: 'webm' as const, codec: 'vp9' as const, expected: { container: 'webm', video: 'vp9', audio: 'opus' } },
    { container: 'mkv' as const, codec: 'mpeg2' as const, expected: { container: 'matroska', video: 'mpeg2video', audio: 'aac' } },
  ])('reads a generated $container', async ({ container, codec, expected }) => {
    const p = await tools.probe(await makeVideo({ container, codec, seconds: 2 }));
    expect(p.container).toBe(expected.container);
    expect(p.video).toMatchObject({ codec: expected.video, width: 320, height: 240, displayAspectRatio: '4:3' });
    expect(p.audio!.codec).toBe(expected.audio);
    expect(p.hasAudio).toBe(true);
    expect(p.durationSeconds).toBeCloseTo(2, 1);
  });

  it('shows a rotated phone video as vertical', async () => {
    const p = await tools.probe(await makeVideo({ width: 640, height: 360, rotate: 90 }));
    expect(p.video).toMatchObject({ displayWidth: 360, displayHeight: 640, displayAspectRatio: '9:16' });
  });

  it('rejects text files, however named, as UNSUPPORTED_MEDIA', async () => {
    // As .txt ffprobe would open it as a 640×400 ANSI-art "video" (the tty demuxer), which the
    // demuxer allowlist refuses; as .mp4 it fails outright.
    await expect(tools.probe(await makeTextFile({ name: 'notes.txt' }))).rejects.toMatchObject({
      code: ErrorCode.UNSUPPORTED_MEDIA,
      details: { reason: 'format_not_allowed' },
    });
    await expect(tools.probe(await makeTextFile({ name: 'ad.mp4' }))).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_MEDIA });
  });

  it('rejects audio-only files, with or without cover art, as UNSUPPORTED_MEDIA', async () => {
    for (const coverArt of [false, true]) {
      await expect(tools.probe(await makeAudioOnly({ coverArt }))).rejects.toMatchObject({
        code: ErrorCode.UNSUPPORTED_MEDIA,
        details: { reason: 'audio_only' },
        retryable: false,
      });
    }
  });

  it('reports a missing file as UPLOAD_MISSING', async () => {
    await expect(tools.probe(scratchPath('missing.mp4'))).rejects.toMatchObject({ code: ErrorCode.UPLOAD_MISSING });
  });

  it('kills ffprobe on abort and on timeout', async () => {
    // ffprobe blocks opening a FIFO until someone writes; our open() returning means it is running.
    const fifo = await makeFifo();
    const controller = new AbortController();
    const probing = tools.probe(fifo, { signal: controller.signal });
    const writer = await open(fifo, 'w');
    controller.abort();
    await expect(probing).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await writer.close();

    await expect(tools.probe(await makeFifo(), { timeoutMs: 300 })).rejects.toMatchObject({
      code: ErrorCode.STAGE_TIMEOUT,
      retryable: true,
    });
  });
});

describe('MediaTools.probe over HTTP', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const file = await makeVideo({ seconds: 2, faststart: true });
    const size = (await stat(file)).size;
    // Serves the one video with Range support, as object storage does.
    server = http.createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ad.mp4') return res.writeHead(404).end();
      const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      const start = m ? Number(m[1]) : 0;
      const end = m && m[2] ? Number(m[2]) : size - 1;
      res.writeHead(m ? 206 : 200, {
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'content-length': end - start + 1,
        ...(m ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
      });
      createReadStream(file, { start, end }).pipe(res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('probes a URL', async () => {
    const p = await tools.probe(`${base}/ad.mp4?sig=secret`);
    expect(p.video).toMatchObject({ width: 320, height: 240 });
  });

  it('maps 404 to UPLOAD_MISSING and a dead host to retryable STORAGE_UNAVAILABLE', async () => {
    const missing = await tools.probe(`${base}/gone.mp4?sig=secret`).catch((err: unknown) => err);
    expect(missing).toMatchObject({ code: ErrorCode.UPLOAD_MISSING, details: { tool: 'ffprobe' } });
    // ffprobe's stderr repeats the URL; its signature must not travel on in the error.
    expect((missing as { details: { stderr: string } }).details.stderr).toContain('gone.mp4');
    expect(JSON.stringify(missing)).not.toContain('secret');
    await expect(tools.probe('http://127.0.0.1:1/ad.mp4')).rejects.toMatchObject({
      code: ErrorCode.STORAGE_UNAVAILABLE,
      retryable: true,
    });
  });
});

describe('truncated uploads', () => {
  // What the decode then says (MEDIA_DECODE_FAILED, reason 'truncated') is in analyze.test.ts.
  it('with the index intact: probes at full length', async () => {
    const input = await makeTruncatedVideo({ seconds: 4, keepFraction: 0.5, faststart: true });
    const p = await tools.probe(input);
    expect(p.durationSeconds).toBeCloseTo(4, 0);
  });

  it('with the index lost: UNSUPPORTED_MEDIA from probe', async () => {
    const input = await makeTruncatedVideo({ seconds: 4, keepFraction: 0.5, faststart: false });
    await expect(tools.probe(input)).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_MEDIA });
  });
});
