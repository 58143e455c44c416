import { badInput } from '../errors.js';
import { Audience, Platform, type AnalysisOptions } from '../model.js';

/** Normalises analysis options: de-duplicated lists, a BCP-47-ish language tag, a bounded objective. */
export function validateAnalysisOptions(input: AnalysisOptions | null | undefined): AnalysisOptions {
  const out: AnalysisOptions = {};
  if (!input) return out;
  if (input.platforms?.length) {
    for (const p of input.platforms) if (!Object.values(Platform).includes(p)) throw badInput(`unknown platform ${p}`, { argument: 'platforms' });
    out.platforms = [...new Set(input.platforms)];
  }
  if (input.audiences?.length) {
    for (const a of input.audiences) if (!Object.values(Audience).includes(a)) throw badInput(`unknown audience ${a}`, { argument: 'audiences' });
    out.audiences = [...new Set(input.audiences)];
  }
  if (input.language != null && input.language !== '') {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(input.language)) throw badInput('language must be a language tag such as "en" or "pt-BR"', { argument: 'language' });
    out.language = input.language;
  }
  if (input.objective != null && input.objective.trim() !== '') {
    if (input.objective.length > 500) throw badInput('objective must be at most 500 characters', { argument: 'objective' });
    out.objective = input.objective.trim();
  }
  return out;
}
