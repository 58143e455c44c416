// Prices and token rates behind cost estimates. Public list prices change: these are defaults to
// tune, and every estimate returns the figures it used.
export const PRICING = {
  asOf: '2026-11',
  gemini: {
    model: 'gemini-2.5-flash',
    // Gemini reads video at 1 frame/s, ~258 tokens per frame, plus ~32 tokens per second of audio.
    tokensPerVideoSecond: 258,
    tokensPerAudioSecond: 32,
    inputUsdPerMillion: 0.3,
    outputUsdPerMillion: 2.5,
    promptTokens: 2500,
    outputTokens: 3000,
  },
  openai: {
    transcriptionModel: 'whisper-1',
    transcriptionUsdPerMinute: 0.006,
    textModel: 'gpt-4o-mini',
    inputUsdPerMillion: 0.15,
    outputUsdPerMillion: 0.6,
    promptTokens: 4000,
    outputTokens: 2500,
  },
} as const;

/** Funnel rates per platform for the budget calculator: CPM (USD), click-through, click→sale conversion. */
export const FUNNEL_RATES = {
  BLENDED: { cpmUsd: 10, ctr: 0.01, cvr: 0.02 },
  TIKTOK: { cpmUsd: 9.5, ctr: 0.0084, cvr: 0.022 },
  META_FEED: { cpmUsd: 11, ctr: 0.009, cvr: 0.022 },
  META_REELS: { cpmUsd: 8.5, ctr: 0.0075, cvr: 0.02 },
  META_STORIES: { cpmUsd: 7.5, ctr: 0.0065, cvr: 0.018 },
  YOUTUBE: { cpmUsd: 9, ctr: 0.0065, cvr: 0.025 },
  YOUTUBE_SHORTS: { cpmUsd: 6, ctr: 0.006, cvr: 0.018 },
  LINKEDIN: { cpmUsd: 33, ctr: 0.0055, cvr: 0.04 },
  SNAPCHAT: { cpmUsd: 4, ctr: 0.0045, cvr: 0.015 },
} as const;

/**
 * The spread of real campaigns around the expected spend: low when CPMs and conversion land at the
 * favourable end of the platform's band, high at the unfavourable end.
 */
export const BUDGET_RANGE = { low: 0.77, high: 1.3 } as const;

/**
 * List prices per model for costing what a task actually used (AnalysisResult.cost): USD per
 * million input/output tokens, or per audio minute for transcription models. A model missing here
 * is priced as its provider's default and the cost item says so.
 */
export const MODEL_PRICES: Record<
  string,
  { provider: 'gemini' | 'openai'; inputUsdPerMillion?: number; outputUsdPerMillion?: number; usdPerAudioMinute?: number }
> = {
  'gemini-2.5-flash': {
    provider: 'gemini',
    inputUsdPerMillion: PRICING.gemini.inputUsdPerMillion,
    outputUsdPerMillion: PRICING.gemini.outputUsdPerMillion,
  },
  'gemini-2.5-flash-lite': { provider: 'gemini', inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
  'gemini-2.5-pro': { provider: 'gemini', inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
  'gemini-2.0-flash': { provider: 'gemini', inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4 },
  'gpt-4o-mini': {
    provider: 'openai',
    inputUsdPerMillion: PRICING.openai.inputUsdPerMillion,
    outputUsdPerMillion: PRICING.openai.outputUsdPerMillion,
  },
  'gpt-4o': { provider: 'openai', inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
  'whisper-1': { provider: 'openai', usdPerAudioMinute: PRICING.openai.transcriptionUsdPerMinute },
  'gpt-4o-transcribe': { provider: 'openai', usdPerAudioMinute: 0.006 },
  'gpt-4o-mini-transcribe': { provider: 'openai', usdPerAudioMinute: 0.003 },
};

/** What an unknown model of each provider is priced as. */
export const DEFAULT_MODEL_PRICE = { gemini: PRICING.gemini.model, openai: PRICING.openai.textModel } as const;
