// The product's calculators: what an analysis will cost before it runs, and what a campaign should
// spend to reach a revenue goal given the creative's score. Pure functions over the tables in pricing.ts.
import { badInput } from '../errors.js';
import type { AnalysisOptions, Platform } from '../domain/model.js';
import { BUDGET_RANGE, FUNNEL_RATES, PRICING } from './pricing.js';

export interface CostItem {
  provider: 'gemini' | 'openai' | 'offline';
  model: string;
  purpose: string;
  quantity: number;
  unit: 'input tokens' | 'output tokens' | 'audio minutes' | 'seconds of media';
  usd: number;
}

export interface CostEstimate {
  durationSeconds: number;
  totalUsd: number;
  items: CostItem[];
  assumptions: string[];
}

const round = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;

export function estimateAnalysisCost(
  durationSeconds: number,
  _options: AnalysisOptions,
  engines: { gemini: boolean; openai: boolean },
): CostEstimate {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 24 * 3600)
    throw badInput('durationSeconds must be between 0 and 86400', { argument: 'durationSeconds' });
  const items: CostItem[] = [];
  const g = PRICING.gemini;
  const o = PRICING.openai;
  if (engines.gemini) {
    const input = Math.ceil(durationSeconds) * (g.tokensPerVideoSecond + g.tokensPerAudioSecond) + g.promptTokens;
    items.push({
      provider: 'gemini',
      model: g.model,
      purpose: 'creative analysis (video, audio, prompt)',
      quantity: input,
      unit: 'input tokens',
      usd: round((input / 1e6) * g.inputUsdPerMillion),
    });
    items.push({
      provider: 'gemini',
      model: g.model,
      purpose: 'creative analysis (answer)',
      quantity: g.outputTokens,
      unit: 'output tokens',
      usd: round((g.outputTokens / 1e6) * g.outputUsdPerMillion),
    });
  }
  if (engines.openai) {
    const minutes = durationSeconds / 60;
    items.push({
      provider: 'openai',
      model: o.transcriptionModel,
      purpose: 'transcription',
      quantity: round(minutes, 2),
      unit: 'audio minutes',
      usd: round(minutes * o.transcriptionUsdPerMinute),
    });
    items.push({
      provider: 'openai',
      model: o.textModel,
      purpose: 'recommendations (prompt)',
      quantity: o.promptTokens,
      unit: 'input tokens',
      usd: round((o.promptTokens / 1e6) * o.inputUsdPerMillion),
    });
    items.push({
      provider: 'openai',
      model: o.textModel,
      purpose: 'recommendations (answer)',
      quantity: o.outputTokens,
      unit: 'output tokens',
      usd: round((o.outputTokens / 1e6) * o.outputUsdPerMillion),
    });
  }
  if (!engines.gemini || !engines.openai) {
    items.push({
      provider: 'offline',
      model: 'rules-v2',
      purpose: 'measured checks, offline speech and template recommendations',
      quantity: round(durationSeconds, 2),
      unit: 'seconds of media',
      usd: 0,
    });
  }
  return {
    durationSeconds,
    totalUsd: round(items.reduce((a, i) => a + i.usd, 0)),
    items,
    assumptions: [
      `prices as of ${PRICING.asOf}`,
      `Gemini: ${g.tokensPerVideoSecond} tokens per second of video (1 frame/s) + ${g.tokensPerAudioSecond} per second of audio`,
      'offline engines cost nothing but compute',
    ],
  };
}

export interface BudgetEstimate {
  lowUsd: number;
  expectedUsd: number;
  highUsd: number;
  salesNeeded: number;
  clicksNeeded: number;
  impressionsNeeded: number;
  assumptions: { name: string; value: number; note: string }[];
}

/**
 * How creative quality moves the funnel: score 50 is the platform's average creative (factor 1),
 * 0 converts 25% worse, 100 converts 25% better, on click-through and on conversion alike.
 */
export const scoreFactor = (score: number) => 0.75 + score / 200;

export function calculateBudget(input: {
  monthlyRevenueGoal: number;
  avgTicketPrice: number;
  score: number;
  platform?: Platform | null;
}): BudgetEstimate {
  const { monthlyRevenueGoal: goal, avgTicketPrice: ticket, score } = input;
  if (!(goal > 0) || goal > 1e10) throw badInput('monthlyRevenueGoal must be a positive amount', { argument: 'monthlyRevenueGoal' });
  if (!(ticket > 0) || ticket > goal)
    throw badInput('avgTicketPrice must be positive and at most the goal', { argument: 'avgTicketPrice' });
  if (!(score >= 0 && score <= 100)) throw badInput('score must be between 0 and 100', { argument: 'score' });
  const rates = FUNNEL_RATES[input.platform ?? 'BLENDED'];
  const f = scoreFactor(score);
  const ctr = rates.ctr * f;
  const cvr = rates.cvr * f;
  const salesNeeded = Math.ceil(goal / ticket);
  const clicksNeeded = Math.ceil(salesNeeded / cvr);
  const impressionsNeeded = Math.ceil(clicksNeeded / ctr);
  const expected = (impressionsNeeded / 1000) * rates.cpmUsd;
  const r = (n: number) => Math.round(n);
  return {
    lowUsd: r(expected * BUDGET_RANGE.low),
    expectedUsd: r(expected),
    highUsd: r(expected * BUDGET_RANGE.high),
    salesNeeded,
    clicksNeeded,
    impressionsNeeded,
    assumptions: [
      { name: 'cpmUsd', value: rates.cpmUsd, note: `cost per 1,000 impressions on ${input.platform ?? 'a blend of platforms'}` },
      { name: 'baseCtr', value: rates.ctr, note: 'click-through rate of an average creative' },
      { name: 'baseCvr', value: rates.cvr, note: 'click-to-sale conversion of an average creative' },
      { name: 'scoreFactor', value: round(f, 3), note: 'multiplies CTR and conversion: 0.75 at score 0, 1 at 50, 1.25 at 100' },
      { name: 'effectiveCtr', value: round(ctr, 5), note: 'CTR after the creative score' },
      { name: 'effectiveCvr', value: round(cvr, 5), note: 'conversion after the creative score' },
      { name: 'rangeLow', value: BUDGET_RANGE.low, note: 'favourable end of CPM and conversion' },
      { name: 'rangeHigh', value: BUDGET_RANGE.high, note: 'unfavourable end of CPM and conversion' },
    ],
  };
}
