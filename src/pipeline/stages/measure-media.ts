// Measure the media: one ffmpeg pass over the source (MediaTools.analyze) gives the 16 kHz WAV for
// transcription, loudness, silences, cuts, black and frozen stretches, and thumbnails. Uploads go to
// deterministic keys, so a retry overwrites rather than duplicates. Stored as `extracting_audio`
// (the name older tasks resume on).
import path from 'node:path';
import { TaskStatus } from '../../domain/model.js';
import { earlier, type Stage } from '../types.js';
import type { AudioOutput } from './artifacts.js';
import { MEASURE_SHARE } from './perceiving.js';
import { ensureSource, processedKey } from './source.js';

export const measureMedia: Stage<AudioOutput> = {
  status: TaskStatus.EXTRACTING_AUDIO,
  name: 'extracting_audio',
  async run(ctx) {
    const { media } = earlier(ctx, 'processing');
    const source = await ensureSource(ctx);
    const run = await ctx.deps.media.analyze(source, path.join(ctx.workDir, 'media'), {
      probe: media,
      signal: ctx.signal,
      timeoutMs: ctx.deps.stageTimeoutMs,
      // Uploads follow the decode; they are small next to it.
      onProgress: (f) => ctx.progress(f * MEASURE_SHARE * 0.95, 'Measuring sound and pictures'),
    });
    let audioKey: string | null = null;
    if (run.audio) {
      audioKey = processedKey(ctx.task.id, 'audio-16k.wav');
      await ctx.deps.storage.uploadFile(audioKey, run.audio.path, 'audio/wav');
      ctx.files.set('audio', run.audio.path);
    }
    const keys = new Map<string, string>();
    for (const t of run.thumbnails) {
      if (keys.has(t.path)) continue;
      const key = processedKey(ctx.task.id, `thumbs/${path.basename(t.path)}`);
      await ctx.deps.storage.uploadFile(key, t.path, 'image/jpeg');
      keys.set(t.path, key);
    }
    ctx.progress(1);
    return {
      audioKey,
      durationSeconds: run.audio?.durationSeconds ?? null,
      reason: run.audio ? null : 'NO_AUDIO_STREAM',
      analysis: run.analysis,
      thumbnails: run.thumbnails.map((t) => ({ kind: t.kind, atSeconds: t.atSeconds, key: keys.get(t.path)! })),
    };
  },
};
