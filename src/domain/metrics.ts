// The product's nine creative metrics: the one list their code type, the scoring weights, the
// prompts, the model-answer schema and the GraphQL enum are all derived from.

/** The nine creative metrics, in the order they are shown. */
export const METRIC_CODES = [
  'HOOK',
  'STORYTELLING',
  'EMOTIONAL_CONNECTION',
  'AUDIO_VOICE_SUBTITLES',
  'PRODUCT_FOCUS',
  'VALUE_PROPOSITION',
  'CALL_TO_ACTION',
  'COMMUNITY',
  'RESOLUTION_QUALITY',
] as const;

export type CreativeMetricCode = (typeof METRIC_CODES)[number];
