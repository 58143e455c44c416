// The nine creative metrics from what can be measured, without a model: cuts, silences, loudness,
// black and frozen stretches, resolution and bit rate (ffprobe + the one-pass analysis), and what
// the transcript says (./keywords.ts). Each metric starts at a base, moves by a fixed step per
// signal, and lists the facts it used. Metrics that rest on little signal (story, emotion,
// product, value, community read only from speech) stay near the neutral 50 and say so in their
// evidence (`lowSignal`). Pure: facts in, metrics out.
import type { Lang } from './i18n.js';
import { hook } from './metrics/hook.js';
import { audio } from './metrics/audio.js';
import { community, cta, product, value } from './metrics/offer.js';
import { quality } from './metrics/quality.js';
import { emotion, storytelling } from './metrics/story.js';
import type { MetricFacts } from './metrics/draft.js';
import type { CreativeMetric } from './ports.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import { METRIC_CODES } from '../domain/metrics.js';

const BUILDERS: Record<CreativeMetricCode, (f: MetricFacts, lang: Lang) => CreativeMetric> = {
  HOOK: hook,
  STORYTELLING: storytelling,
  EMOTIONAL_CONNECTION: emotion,
  AUDIO_VOICE_SUBTITLES: audio,
  PRODUCT_FOCUS: product,
  VALUE_PROPOSITION: value,
  CALL_TO_ACTION: cta,
  COMMUNITY: community,
  RESOLUTION_QUALITY: quality,
};

/** The nine metrics, in METRIC_CODES order, from the rules. */
export function ruleMetrics(f: MetricFacts, lang: Lang): CreativeMetric[] {
  return METRIC_CODES.map((code) => BUILDERS[code](f, lang));
}
