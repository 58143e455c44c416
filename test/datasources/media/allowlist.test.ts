// The demuxer allowlist (issue 15): every ffprobe/ffmpeg run on user input refuses playlists,
// concat scripts and image sequences with UNSUPPORTED_MEDIA, and still opens the containers we accept.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import { analyzeArgs } from '../../../src/datasources/media/analysis-args.js';
import { probeArgs } from '../../../src/datasources/media/args.js';
import { extractSubtitlesArgs } from '../../../src/datasources/media/subtitle-args.js';
import { grabFramesArgs, keyframeProbeArgs } from '../../../src/datasources/perception/args.js';
import { runTool } from '../../../src/datasources/perception/process.js';
import { makeVideo, scratchPath } from '../../helpers/media.js';

const tools = new MediaTools();

async function hostileInputs(): Promise<Record<string, string>> {
  const target = await makeVideo({ seconds: 1 });
  const hls = scratchPath('playlist.mp4');
  await fs.writeFile(hls, ['#EXTM3U', '#EXT-X-TARGETDURATION:12', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXTINF:12.0,', `file://${target}`, '#EXT-X-ENDLIST', ''].join('\n'));
  const concat = scratchPath('concat.mp4');
  await fs.writeFile(concat, `ffconcat version 1.0\nfile '${target}'\n`);
  // A JPEG named .mp4 (image2 / jpeg_pipe): a still, and the first frame of an image sequence.
  const jpeg = scratchPath('frame.mp4');
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    execFile('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=64x48:d=0.04', '-frames:v', '1', '-f', 'mjpeg', jpeg], (e) => (e ? reject(e) : resolve())),
  );
  return { hls, concat, jpeg };
}

describe('demuxer allowlist', () => {
  it('every command line on user input carries -format_whitelist before -i', () => {
    const lines = [
      probeArgs('/x/in.mp4'),
      extractSubtitlesArgs('/x/in.mp4', 0, '/x/out.vtt'),
      analyzeArgs('/x/in.mp4', '/x/out', { streams: { video: true, audio: true }, filters: { scdet: true, ebur128: true, silencedetect: true, blackdetect: true, freezedetect: true, select: true } }).argv,
      grabFramesArgs('/x/in.mp4', '/x/f-%03d.ppm', [0, 1], { width: 32, height: 32 }),
      grabFramesArgs('/x/in.mp4', '/x/f-%03d.ppm', [3], { width: 32, height: 32 }, { seekTo: 2 }),
      keyframeProbeArgs('/x/in.mp4'),
    ];
    for (const argv of lines) {
      const at = argv.indexOf('-format_whitelist');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(argv[at + 1]!.split(',')).toEqual(expect.arrayContaining(['mov', 'mp4', 'matroska', 'webm', 'avi']));
      expect(argv[at + 1]).not.toMatch(/hls|concat|image2|dash/);
      const input = argv.indexOf('-i');
      if (input >= 0) expect(at).toBeLessThan(input);
    }
  });

  it('probe, analyze, subtitle extraction and the frame grab refuse playlists, concat scripts and images', async () => {
    const inputs = await hostileInputs();
    for (const [name, file] of Object.entries(inputs)) {
      await expect(tools.probe(file), name).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA', details: { reason: 'format_not_allowed' } });
      await expect(tools.analyze(file, scratchPath('an')), name).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
      await expect(tools.extractSubtitles(file, 0, scratchPath('s.vtt')), name).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
      const out = scratchPath('frames');
      await fs.mkdir(out, { recursive: true });
      await expect(
        runTool('ffmpeg', grabFramesArgs(file, path.join(out, 'frame-%03d.ppm'), [0], { width: 32, height: 32 }), { signal: new AbortController().signal, timeoutMs: 30_000 }),
        name,
      ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
      await expect(runTool('ffprobe', keyframeProbeArgs(file), { signal: new AbortController().signal, timeoutMs: 30_000 }), name).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    }
  });

  it('still opens the accepted containers (mp4, mkv, webm) and our own WAV output', async () => {
    for (const container of ['mp4', 'mkv', 'webm'] as const) {
      const p = await tools.probe(await makeVideo({ seconds: 1, container }));
      expect(p.video).not.toBeNull();
    }
    const { dir, audio } = await tools.analyze(await makeVideo({ seconds: 1 }), scratchPath('ok'));
    expect(audio!.durationSeconds).toBeGreaterThan(0.5);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
