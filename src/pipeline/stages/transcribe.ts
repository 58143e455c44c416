// Transcribe: speech and captions. The transcript (with its language, speaking rate and first
// speech) plus the caption facts: sidecars and the file's subtitle streams, their coverage of the
// speech and their agreement with it (src/analysis/caption-facts.ts). Stored as `transcribing`.
import path from 'node:path';
import { TaskStatus } from '../../domain/model.js';
import type { Transcript } from '../../domain/transcript.js';
import { completeTranscript } from '../../analysis/caption-facts.js';
import { earlier, type Stage, type StageContext } from '../types.js';
import type { AudioOutput } from './artifacts.js';
import { gatherCaptions } from './captions.js';
import { ensureSource } from './source.js';

export const transcribe: Stage<Transcript> = {
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
