import { describe, expect, it } from 'vitest';
import { calculateBudget, estimateAnalysisCost, scoreFactor } from '../../src/analysis/calculator.js';
import { PRICING } from '../../src/analysis/pricing.js';
import { Platform } from '../../src/domain/model.js';

describe('calculateBudget', () => {
  it('reproduces the product docs’ anchor: 10,000 / 50 / score 85 → about 5,600–9,400 USD', () => {
    const b = calculateBudget({ monthlyRevenueGoal: 10_000, avgTicketPrice: 50, score: 85 });
    expect(b.salesNeeded).toBe(200);
    expect(Math.abs(b.lowUsd - 5600)).toBeLessThan(150);
    expect(Math.abs(b.highUsd - 9400)).toBeLessThan(150);
    expect(b.lowUsd).toBeLessThan(b.expectedUsd);
    expect(b.expectedUsd).toBeLessThan(b.highUsd);
    expect(b.assumptions.map((a) => a.name)).toEqual(expect.arrayContaining(['cpmUsd', 'baseCtr', 'baseCvr', 'scoreFactor']));
  });

  it('a better creative needs less spend, and spend scales with the goal', () => {
    const spend = (score: number, goal = 10_000) => calculateBudget({ monthlyRevenueGoal: goal, avgTicketPrice: 50, score }).expectedUsd;
    expect(spend(90)).toBeLessThan(spend(60));
    expect(spend(60)).toBeLessThan(spend(20));
    expect(spend(85, 20_000) / spend(85, 10_000)).toBeCloseTo(2, 1);
    expect(scoreFactor(50)).toBe(1);
  });

  it('uses the platform’s funnel rates when given', () => {
    const li = calculateBudget({ monthlyRevenueGoal: 10_000, avgTicketPrice: 50, score: 85, platform: Platform.LINKEDIN });
    const snap = calculateBudget({ monthlyRevenueGoal: 10_000, avgTicketPrice: 50, score: 85, platform: Platform.SNAPCHAT });
    expect(li.assumptions.find((a) => a.name === 'cpmUsd')?.value).toBe(33);
    expect(li.expectedUsd).not.toBe(snap.expectedUsd);
  });

  it('rejects impossible input with BAD_USER_INPUT', () => {
    for (const input of [
      { monthlyRevenueGoal: 0, avgTicketPrice: 50, score: 50 },
      { monthlyRevenueGoal: 100, avgTicketPrice: 500, score: 50 },
      { monthlyRevenueGoal: 100, avgTicketPrice: 5, score: 101 },
      { monthlyRevenueGoal: Number.NaN, avgTicketPrice: 5, score: 50 },
    ]) expect(() => calculateBudget(input)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('estimateAnalysisCost', () => {
  it('is free offline and itemises paid engines from the pricing table', () => {
    expect(estimateAnalysisCost(30, {}, { gemini: false, openai: false }).totalUsd).toBe(0);
    const paid = estimateAnalysisCost(60, {}, { gemini: true, openai: true });
    const g = paid.items.find((i) => i.provider === 'gemini' && i.unit === 'input tokens')!;
    expect(g.quantity).toBe(60 * (PRICING.gemini.tokensPerVideoSecond + PRICING.gemini.tokensPerAudioSecond) + PRICING.gemini.promptTokens);
    const whisper = paid.items.find((i) => i.purpose === 'transcription')!;
    expect(whisper.usd).toBeCloseTo(PRICING.openai.transcriptionUsdPerMinute, 6);
    expect(paid.totalUsd).toBeCloseTo(paid.items.reduce((a, i) => a + i.usd, 0), 4);
    // Longer video, higher cost.
    expect(estimateAnalysisCost(120, {}, { gemini: true, openai: true }).totalUsd).toBeGreaterThan(paid.totalUsd);
    expect(() => estimateAnalysisCost(-1, {}, { gemini: true, openai: false })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
