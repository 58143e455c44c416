// The eyes, after the media measurement: on-screen text and faces/people on the sampled frames
// (src/datasources/perception), with the stills (boxes drawn) stored next to the thumbnails. No
// engine, no picture or an unreadable file give facts marked `unmeasured`, never a failed task.
import path from 'node:path';
import { TaskStatus } from '../../domain/model.js';
import { unmeasuredPerception, type PerceptionFacts } from '../../domain/perception.js';
import { earlier, type Stage } from '../types.js';
import { ensureSource, processedKey } from './source.js';

/** The share of the EXTRACTING_AUDIO status' progress the media measurement reports in; perception takes the rest. */
export const MEASURE_SHARE = 0.6;

export const perceiving: Stage<PerceptionFacts> = {
  status: TaskStatus.EXTRACTING_AUDIO,
  name: 'perceiving',
  async run(ctx) {
    const perceiver = ctx.deps.perceiver;
    const { media } = earlier(ctx, 'processing');
    if (!perceiver || (!perceiver.engines.ocr && !perceiver.engines.faces))
      return unmeasuredPerception('NO_PERCEPTION_ENGINE', perceiver?.engines);
    const v = media.video;
    if (!v) return unmeasuredPerception('NO_VIDEO_STREAM', perceiver.engines);
    const analysis = ctx.outputs.extracting_audio?.analysis;
    const source = await ensureSource(ctx);
    ctx.progress(MEASURE_SHARE, 'Reading on-screen text and looking for people');
    const { facts, stills } = await perceiver.perceive({
      source,
      display: { width: v.displayWidth, height: v.displayHeight },
      durationSeconds: analysis?.durationSeconds ?? media.durationSeconds,
      cuts: analysis?.cuts ?? null,
      workDir: ctx.workDir,
      signal: ctx.signal,
      timeoutMs: ctx.deps.stageTimeoutMs,
      onProgress: (f) => ctx.progress(MEASURE_SHARE + (1 - MEASURE_SHARE) * 0.95 * f, 'Reading on-screen text and looking for people'),
    });
    // Deterministic keys: a retry overwrites rather than duplicates.
    const keys = new Map<number, string>();
    for (const s of stills) {
      const key = processedKey(ctx.task.id, `perceived/${path.basename(s.path)}`);
      await ctx.deps.storage.uploadFile(key, s.path, 'image/jpeg');
      keys.set(s.atSeconds, key);
    }
    const frames = facts.frames.map((f) => ({ ...f, stillKey: keys.get(f.reusedFrom ?? f.atSeconds) ?? null }));
    ctx.progress(1);
    return { ...facts, frames };
  },
};
