// normalizeProbe on ffprobe's real JSON for generated files, plus a few hand-written fixtures for
// what this ffprobe (5.1) cannot produce (the legacy rotate tag, anamorphic pixels).
import { describe, expect, it } from 'vitest';
import { aspectLabel, normalizeProbe, rotationOf } from '../../../src/datasources/media/probe.js';
import { ffprobeJson, makeAudioOnly, makeTextFile, makeVideo } from '../../helpers/media.js';

describe('normalizeProbe on real ffprobe output', () => {
  it('reads container, size, rate and streams of a plain mp4', async () => {
    const p = normalizeProbe(await ffprobeJson(await makeVideo({ seconds: 2, width: 320, height: 240, fps: 25 })));
    expect(p.container).toBe('mp4');
    expect(p.formatName).toContain('mp4');
    expect(p.durationSeconds).toBeCloseTo(2, 1);
    expect(p.sizeBytes).toBeGreaterThan(0);
    expect(p.bitRate).toBeGreaterThan(0);
    expect(p.video).toEqual({
      codec: 'h264',
      width: 320,
      height: 240,
      displayWidth: 320,
      displayHeight: 240,
      rotation: 0,
      displayAspectRatio: '4:3',
      aspectRatio: 320 / 240,
      frameRate: 25,
      variableFrameRate: false,
      pixelFormat: 'yuv420p',
    });
    expect(p.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 1 });
    expect(p.hasAudio).toBe(true);
    expect(p.subtitles).toEqual([]);
  });

  it('shows a landscape-coded phone video with a 90° display matrix as 9:16', async () => {
    const raw = await ffprobeJson(await makeVideo({ width: 640, height: 360, rotate: 90 }));
    const p = normalizeProbe(raw);
    expect(raw.streams?.[0]?.side_data_list?.[0]?.side_data_type).toBe('Display Matrix');
    expect(p.video).toMatchObject({ width: 640, height: 360, displayWidth: 360, displayHeight: 640, displayAspectRatio: '9:16' });
    expect([90, 270]).toContain(p.video!.rotation);
    expect(p.video!.aspectRatio).toBeCloseTo(0.5625, 4);
  });

  it('keeps a 180° rotation in landscape', async () => {
    const p = normalizeProbe(await ffprobeJson(await makeVideo({ width: 640, height: 360, rotate: 180 })));
    expect(p.video).toMatchObject({ rotation: 180, displayWidth: 640, displayHeight: 360, displayAspectRatio: '16:9' });
  });

  it('flags variable frame rate in an mp4', async () => {
    const vfr = normalizeProbe(await ffprobeJson(await makeVideo({ seconds: 3, fps: 30, vfr: true })));
    expect(vfr.video!.variableFrameRate).toBe(true);
    // 30 frames in the first second, then 10 per second.
    expect(vfr.video!.frameRate).toBeGreaterThan(15);
    expect(vfr.video!.frameRate).toBeLessThan(20);
    const cfr = normalizeProbe(await ffprobeJson(await makeVideo({ seconds: 3, fps: 30 })));
    expect(cfr.video).toMatchObject({ variableFrameRate: false, frameRate: 30 });
  });

  it('sees VFR in Matroska only with counted packets (its headers repeat the nominal rate)', async () => {
    const file = await makeVideo({ seconds: 3, fps: 30, vfr: true, container: 'mkv' });
    expect(normalizeProbe(await ffprobeJson(file)).video!.variableFrameRate).toBe(false);
    expect(normalizeProbe(await ffprobeJson(file, ['-count_packets'])).video!.variableFrameRate).toBe(true);
  });

  it('reports a video without an audio track as having no audio', async () => {
    const p = normalizeProbe(await ffprobeJson(await makeVideo({ audio: 'none' })));
    expect(p.audio).toBeNull();
    expect(p.hasAudio).toBe(false);
    expect(p.video).not.toBeNull();
  });

  it('lists subtitle streams with their language', async () => {
    const file = await makeVideo({
      subtitles: [
        { start: 0, end: 1, text: 'Oferta imperdível' },
        { start: 1, end: 2, text: 'Compre agora' },
      ],
      subtitleLanguage: 'por',
    });
    expect(normalizeProbe(await ffprobeJson(file)).subtitles).toEqual([{ codec: 'mov_text', language: 'por' }]);
  });

  it('names WebM and Matroska apart', async () => {
    const webm = normalizeProbe(await ffprobeJson(await makeVideo({ container: 'webm' })));
    expect(webm.container).toBe('webm');
    expect(webm.video!.codec).toBe('vp9');
    expect(webm.audio!.codec).toBe('opus');
    const mkv = normalizeProbe(await ffprobeJson(await makeVideo({ container: 'mkv', codec: 'mpeg2' })));
    expect(mkv.container).toBe('matroska');
    expect(mkv.video!.codec).toBe('mpeg2video');
    expect(mkv.durationSeconds).toBeCloseTo(2, 1);
  });

  it('does not take cover art for video', async () => {
    const raw = await ffprobeJson(await makeAudioOnly({ coverArt: true }));
    expect(raw.streams?.some((s) => s.codec_type === 'video')).toBe(true);
    const p = normalizeProbe(raw);
    expect(p.video).toBeNull();
    expect(p.audio).toMatchObject({ codec: 'aac' });
  });

  it('does not take a text file read as ANSI art for video', async () => {
    const raw = await ffprobeJson(await makeTextFile());
    expect(raw.format?.format_name).toBe('tty');
    expect(normalizeProbe(raw).video).toBeNull();
  });
});

describe('normalizeProbe on hand-written fixtures', () => {
  it('reads the legacy clockwise rotate tag (ffprobe < 5)', () => {
    const p = normalizeProbe({
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '15.015', tags: { major_brand: 'qt  ' } },
      streams: [
        { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, r_frame_rate: '30/1', avg_frame_rate: '2997/100', tags: { rotate: '90' } },
      ],
    });
    expect(p.container).toBe('mov');
    expect(p.video).toMatchObject({ rotation: 90, displayWidth: 1080, displayHeight: 1920, displayAspectRatio: '9:16', frameRate: 29.97 });
    expect(p.video!.variableFrameRate).toBe(false);
  });

  it('reads a phone display matrix (counter-clockwise -90) as a clockwise quarter turn', () => {
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).toBe(90);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })).toBe(270);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] })).toBe(180);
    expect(rotationOf({ tags: { rotate: '270' } })).toBe(270);
    expect(rotationOf({})).toBe(0);
  });

  it('applies the sample aspect ratio of anamorphic video', () => {
    const p = normalizeProbe({
      format: { format_name: 'mpeg', duration: '10' },
      streams: [{ codec_type: 'video', codec_name: 'mpeg2video', width: 720, height: 576, sample_aspect_ratio: '16:15', r_frame_rate: '25/1', avg_frame_rate: '25/1' }],
    });
    expect(p.video).toMatchObject({ displayWidth: 768, displayHeight: 576, displayAspectRatio: '4:3' });
  });

  it('survives missing fields', () => {
    const p = normalizeProbe({});
    expect(p).toEqual({
      container: 'unknown',
      formatName: 'unknown',
      durationSeconds: null,
      sizeBytes: null,
      bitRate: null,
      video: null,
      audio: null,
      hasAudio: false,
      subtitles: [],
    });
    const v = normalizeProbe({ streams: [{ codec_type: 'video', width: 10, height: 10, avg_frame_rate: '0/0', r_frame_rate: '0/0' }] });
    expect(v.video).toMatchObject({ codec: 'unknown', frameRate: null, variableFrameRate: false, pixelFormat: null });
  });

  it('does not count still images as video', () => {
    const png = normalizeProbe({ format: { format_name: 'png_pipe' }, streams: [{ codec_type: 'video', codec_name: 'png', width: 64, height: 64 }] });
    expect(png.video).toBeNull();
  });

  it('labels aspect ratios by the common names platforms use', () => {
    expect(aspectLabel(1080, 1920)).toBe('9:16');
    expect(aspectLabel(1080, 1350)).toBe('4:5');
    expect(aspectLabel(854, 480)).toBe('16:9');
    expect(aspectLabel(1920, 1088)).toBe('16:9');
    expect(aspectLabel(1000, 300)).toBe('10:3');
    expect(aspectLabel(0, 10)).toBe('unknown');
  });
});
