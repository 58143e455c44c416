// The analysis stages in order. Each returns a JSON-serialisable output stored as its artifact.
import path from 'node:path';
import fs from 'node:fs/promises';
import { TaskStatus, type AnalysisOptions } from '../../domain/model.js';
import { earlier, type Stage, type StageContext } from '../types.js';
import type { CreativeAnalysis } from '../../analysis/ports.js';
import type { Transcript } from '../../domain/transcript.js';
import { resultLanguage } from '../../analysis/i18n.js';
import { completeTranscript } from '../../analysis/caption-facts.js';
import type { AudioOutput, ProcessingOutput, RecommendationsOutput } from './artifacts.js';
import { ensureSource, processedKey } from './source.js';
import { gatherCaptions } from './captions.js';
import { MEASURE_SHARE, perceiving } from './perceiving.js';
import { fingerprint, reusable } from './fingerprint.js';

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

/**
 * One ffmpeg pass over the source (MediaTools.analyze): the 16 kHz WAV for transcription, loudness,
 * silences, cuts, black and frozen stretches, and thumbnails. Uploads go to deterministic keys, so a
 * retry overwrites rather than duplicates.
 */
export const extractingAudio: Stage<AudioOutput> = {
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

/**
 * Speech and captions: the transcript (with its language, speaking rate and first speech) plus the
 * caption facts: sidecars and the file's subtitle streams, their coverage of the speech and their
 * agreement with it (src/analysis/caption-facts.ts).
 */
export const transcribing: Stage<Transcript> = {
  status: TaskStatus.TRANSCRIBING,
  name: 'transcribing',
  async run(ctx) {
    const audio = earlier(ctx, 'extracting_audio');
    const { media } = earlier(ctx, 'processing');
    const captions = await gatherCaptions(ctx, media, () => ensureSource(ctx));
    const transcript = await transcribeAudio(ctx, audio);
    return completeTranscript(transcript, { ...captions, requestedLanguage: ctx.task.options.language });
  },
};

async function transcribeAudio(ctx: StageContext, audio: AudioOutput): Promise<Transcript> {
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
    silences: audio.analysis?.silences ?? undefined,
    signal: ctx.signal,
  });
}

/**
 * The task's options with the language filled in when none was requested: the transcript's
 * (engine-given or detected from its text), else the captions' (declared or detected).
 */
export function effectiveOptions(ctx: StageContext): AnalysisOptions {
  const options = ctx.task.options;
  if (options.language) return options;
  const t = ctx.outputs.transcribing;
  const language = (t?.available ? t.language : null) ?? t?.captions?.language ?? null;
  return language ? { ...options, language } : options;
}

export const analyzing: Stage<CreativeAnalysis> = {
  status: TaskStatus.ANALYZING_AI,
  name: 'analyzing_ai',
  async run(ctx) {
    const { media } = earlier(ctx, 'processing');
    const transcript = earlier(ctx, 'transcribing');
    const mediaAnalysis = ctx.outputs.extracting_audio?.analysis ?? null;
    // A retry that resumes here skipped the stages that downloaded the source: the analyzer fetches it if it reads the video.
    const perception = ctx.outputs.perceiving ?? null;
    return ctx.deps.analyzer.analyze({ media, mediaAnalysis, perception, transcript, options: effectiveOptions(ctx), videoFile: () => ensureSource(ctx), signal: ctx.signal });
  },
};

export const recommending: Stage<RecommendationsOutput> = {
  status: TaskStatus.GENERATING_RECOMMENDATIONS,
  name: 'generating_recommendations',
  async run(ctx) {
    const { media } = earlier(ctx, 'processing');
    const transcript = earlier(ctx, 'transcribing');
    const options = effectiveOptions(ctx);
    const out = await ctx.deps.recommender.recommend({
      analysis: earlier(ctx, 'analyzing_ai'),
      media,
      mediaAnalysis: ctx.outputs.extracting_audio?.analysis ?? null,
      transcript,
      options,
      signal: ctx.signal,
    });
    return { ...out, language: resultLanguage(options, transcript) };
  },
};

// The media measurement, perception and transcript are taken from an earlier task with the same bytes when there is one (./fingerprint.ts).
export const STAGES: Stage[] = [processing, fingerprint, reusable(extractingAudio), reusable(perceiving), reusable(transcribing), analyzing, recommending];
