// Analyze: the creative analyzer (offline rules, or a model) judges the measured facts, what the
// eyes saw and the transcript. Stored as `analyzing_ai`.
import { TaskStatus } from '../../domain/model.js';
import type { CreativeAnalysis } from '../../analysis/ports.js';
import { earlier, type Stage } from '../types.js';
import { effectiveOptions } from './effective-options.js';
import { ensureSource } from './source.js';

export const analyze: Stage<CreativeAnalysis> = {
  status: TaskStatus.ANALYZING_AI,
  name: 'analyzing_ai',
  async run(ctx) {
    const { media } = earlier(ctx, 'processing');
    const transcript = earlier(ctx, 'transcribing');
    const mediaAnalysis = ctx.outputs.extracting_audio?.analysis ?? null;
    // A retry that resumes here skipped the stages that downloaded the source: the analyzer fetches it if it reads the video.
    const perception = ctx.outputs.perceiving ?? null;
    return ctx.deps.analyzer.analyze({
      media,
      mediaAnalysis,
      perception,
      transcript,
      options: effectiveOptions(ctx),
      videoFile: () => ensureSource(ctx),
      signal: ctx.signal,
    });
  },
};
