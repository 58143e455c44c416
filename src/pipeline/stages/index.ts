// The analysis stages in order. Each returns a JSON-serialisable output stored as its artifact.
import path from 'node:path';
import fs from 'node:fs/promises';
import { TaskStatus } from '../../model.js';
import type { Stage, StageContext } from '../types.js';
import type { MediaProbe } from '../../datasources/media/probe.js';
import type { CreativeAnalysis, Recommendation, Transcript } from '../../analysis/ports.js';

export interface ProcessingOutput {
  sizeBytes: number;
  media: MediaProbe;
}
export interface AudioOutput {
  audioKey: string | null;
  durationSeconds: number | null;
  /** Why there is no audio to transcribe, when there is none. */
  reason: string | null;
}
export interface RecommendationsOutput {
  summary: string;
  recommendations: Recommendation[];
}

export const processedKey = (taskId: string, name: string) => `processed/${taskId}/${name}`;

/** Makes sure the source video is on local disk for this attempt (streamed, never held in memory). */
export async function ensureSource(ctx: StageContext): Promise<string> {
  let p = ctx.files.get('source');
  if (!p) {
    p = path.join(ctx.workDir, 'source' + (path.extname(ctx.video.filename).replace(/[^.a-z0-9]/gi, '').slice(0, 6) || '.bin'));
    await ctx.deps.storage.downloadToFile(ctx.video.storage_key, p, ctx.signal);
    ctx.files.set('source', p);
  }
  return p;
}

export const processing: Stage<ProcessingOutput> = {
  status: TaskStatus.PROCESSING,
  name: 'processing',
  async run(ctx) {
    const source = await ensureSource(ctx);
    ctx.progress(0.5, 'Source downloaded');
    const media = await ctx.deps.media.probe(source, { signal: ctx.signal, timeoutMs: 60_000 });
    const { size } = await fs.stat(source);
    return { sizeBytes: size, media };
  },
};

export const extractingAudio: Stage<AudioOutput> = {
  status: TaskStatus.EXTRACTING_AUDIO,
  name: 'extracting_audio',
  async run(ctx) {
    const { media } = ctx.outputs.processing as ProcessingOutput;
    if (!media.audio) return { audioKey: null, durationSeconds: null, reason: 'NO_AUDIO_STREAM' };
    const source = await ensureSource(ctx);
    const out = path.join(ctx.workDir, 'audio-16k.wav');
    const r = await ctx.deps.media.extractAudio(source, out, {
      signal: ctx.signal,
      timeoutMs: ctx.deps.stageTimeoutMs,
      durationSeconds: media.durationSeconds ?? undefined,
      onProgress: (f) => ctx.progress(f),
    });
    const key = processedKey(ctx.task.id, 'audio-16k.wav');
    await ctx.deps.storage.uploadFile(key, out, 'audio/wav');
    ctx.files.set('audio', out);
    return { audioKey: key, durationSeconds: r.durationSeconds, reason: null };
  },
};

export const transcribing: Stage<Transcript> = {
  status: TaskStatus.TRANSCRIBING,
  name: 'transcribing',
  async run(ctx) {
    const audio = ctx.outputs.extracting_audio as AudioOutput;
    if (!audio.audioKey) return { available: false, engine: null, reason: audio.reason ?? 'NO_AUDIO' };
    let local = ctx.files.get('audio');
    if (!local) {
      // A retry on another worker: fetch the stored audio rather than decoding the video again.
      local = path.join(ctx.workDir, 'audio-16k.wav');
      await ctx.deps.storage.downloadToFile(audio.audioKey, local, ctx.signal);
      ctx.files.set('audio', local);
    }
    return ctx.deps.transcriber.transcribe({
      audioPath: local,
      durationSeconds: audio.durationSeconds ?? 0,
      language: ctx.task.options.language,
      signal: ctx.signal,
    });
  },
};

export const analyzing: Stage<CreativeAnalysis> = {
  status: TaskStatus.ANALYZING_AI,
  name: 'analyzing_ai',
  async run(ctx) {
    const { media } = ctx.outputs.processing as ProcessingOutput;
    const transcript = ctx.outputs.transcribing as Transcript;
    return ctx.deps.analyzer.analyze({ media, transcript, options: ctx.task.options, videoPath: ctx.files.get('source') ?? '', signal: ctx.signal });
  },
};

export const recommending: Stage<RecommendationsOutput> = {
  status: TaskStatus.GENERATING_RECOMMENDATIONS,
  name: 'generating_recommendations',
  async run(ctx) {
    const { media } = ctx.outputs.processing as ProcessingOutput;
    return ctx.deps.recommender.recommend({
      analysis: ctx.outputs.analyzing_ai as CreativeAnalysis,
      media,
      transcript: ctx.outputs.transcribing as Transcript,
      options: ctx.task.options,
      signal: ctx.signal,
    });
  },
};

export const STAGES: Stage[] = [processing, extractingAudio, transcribing, analyzing, recommending];
