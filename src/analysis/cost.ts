// What a task actually cost: the usage the engines reported, priced with the table in pricing.ts.
// Token-priced models are charged per input and output token; transcription models per audio
// minute. Pure.
import type { CostItem } from './calculator.js';
import type { AiUsage } from '../domain/transcript.js';
import { DEFAULT_MODEL_PRICE, MODEL_PRICES } from './pricing.js';

/** One usage entry and the stage it was spent in. */
export interface StageUsage extends AiUsage {
  /** 'transcription', 'analysis' or 'recommendations'. */
  purpose: string;
}

export interface ActualCost {
  totalUsd: number;
  items: CostItem[];
}

// Actual costs are small: keep micro-dollars rather than the estimate's 4 decimals.
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function priceOf(u: AiUsage): { price: (typeof MODEL_PRICES)[string]; pricedAs: string | null } {
  const known = MODEL_PRICES[u.model];
  if (known) return { price: known, pricedAs: null };
  // Versioned names ("gpt-4o-mini-2024-07-18", "models/gemini-2.5-flash-001") price as their family.
  const family = Object.keys(MODEL_PRICES)
    .filter((k) => u.model.includes(k))
    .sort((a, b) => b.length - a.length)[0];
  if (family) return { price: MODEL_PRICES[family]!, pricedAs: family };
  const fallback = u.provider === 'openai' || u.provider === 'gemini' ? DEFAULT_MODEL_PRICE[u.provider] : null;
  return fallback ? { price: MODEL_PRICES[fallback]!, pricedAs: fallback } : { price: { provider: 'gemini' }, pricedAs: null };
}

export function costOfUsage(usage: readonly StageUsage[]): ActualCost {
  const items: CostItem[] = [];
  for (const u of usage) {
    const { price, pricedAs } = priceOf(u);
    const provider = (u.provider === 'openai' || u.provider === 'gemini' ? u.provider : 'offline') as CostItem['provider'];
    const purpose = pricedAs ? `${u.purpose} (priced as ${pricedAs})` : u.purpose;
    if (price.usdPerAudioMinute !== undefined && u.audioSeconds) {
      const minutes = u.audioSeconds / 60;
      items.push({
        provider,
        model: u.model,
        purpose,
        quantity: round6(minutes),
        unit: 'audio minutes',
        usd: round6(minutes * price.usdPerAudioMinute),
      });
      continue;
    }
    if (u.inputTokens) {
      items.push({
        provider,
        model: u.model,
        purpose,
        quantity: u.inputTokens,
        unit: 'input tokens',
        usd: round6((u.inputTokens / 1e6) * (price.inputUsdPerMillion ?? 0)),
      });
    }
    if (u.outputTokens) {
      items.push({
        provider,
        model: u.model,
        purpose,
        quantity: u.outputTokens,
        unit: 'output tokens',
        usd: round6((u.outputTokens / 1e6) * (price.outputUsdPerMillion ?? 0)),
      });
    }
  }
  return { totalUsd: round6(items.reduce((a, i) => a + i.usd, 0)), items };
}
