// Recommend: the recommender (templates, or a model) writes what to change, in the result's
// language. Stored as `generating_recommendations`.
import { TaskStatus } from '../../domain/model.js';
import { resultLanguage } from '../../analysis/i18n.js';
import { earlier, type Stage } from '../types.js';
import type { RecommendationsOutput } from './artifacts.js';
import { effectiveOptions } from './effective-options.js';

export const recommend: Stage<RecommendationsOutput> = {
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
