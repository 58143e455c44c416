// The calculators are public: they answer without a login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { CalculateBudgetDocument, EstimateAnalysisCostDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ role: 'api' });
});
afterAll(() => t?.stop());

describe('public calculators over GraphQL', () => {
  it('calculateBudget answers anonymous callers', async () => {
    const r = await t.gql(CalculateBudgetDocument, { input: { monthlyRevenueGoal: 10_000, avgTicketPrice: 50, score: 85 } }, { authorization: '' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.calculateBudget.salesNeeded).toBe(200);
    expect(r.data!.calculateBudget.lowUsd).toBeGreaterThan(5000);
    expect(codes(await t.gql(CalculateBudgetDocument, { input: { monthlyRevenueGoal: -1, avgTicketPrice: 50, score: 85 } }, { authorization: '' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('estimateAnalysisCost reflects the configured engines (none here: offline, free)', async () => {
    const r = await t.gql(EstimateAnalysisCostDocument, { durationSeconds: 30 }, { authorization: '' });
    expect(r.data!.estimateAnalysisCost.totalUsd).toBe(0);
    expect(r.data!.estimateAnalysisCost.items.map((i) => i.provider)).toEqual(['offline']);
  });
});
