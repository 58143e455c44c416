import { badInput } from '../errors.js';
import { Audience, Platform, type AnalysisOptions } from '../domain/model.js';

/** Normalises analysis options: de-duplicated lists, a BCP-47-ish language tag, a bounded objective and brand name. */
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
  if (input.brand != null && input.brand.trim() !== '') {
    const brand = input.brand.trim().replace(/\s+/g, ' ');
    // A name as spoken (it is matched against the transcript): letters, digits, spaces and a few marks.
    if (brand.length > 60) throw badInput('brand must be at most 60 characters', { argument: 'brand' });
    if (!/^[\p{L}\p{N}][\p{L}\p{N} '&.\-]*$/u.test(brand)) throw badInput('brand must be a name of letters, digits, spaces, and \' & . -', { argument: 'brand' });
    out.brand = brand;
  }
  return out;
}
