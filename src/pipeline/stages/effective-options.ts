// The options the judging stages (analyze, recommend) work with.
import type { AnalysisOptions } from '../../domain/model.js';
import type { StageContext } from '../types.js';

/**
 * The task's options with the language filled in when none was requested: the transcript's
 * (engine-given or detected from its text), else the captions' (declared or detected).
 */
export function effectiveOptions(ctx: Pick<StageContext, 'task' | 'outputs'>): AnalysisOptions {
  const options = ctx.task.options;
  if (options.language) return options;
  const t = ctx.outputs.transcribing;
  const language = (t?.available ? t.language : null) ?? t?.captions?.language ?? null;
  return language ? { ...options, language } : options;
}
