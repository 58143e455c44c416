// The one scoring module: bands, weights, the penalty table, and score = mean − penalties, clamped.
import { describe, expect, it } from 'vitest';
import { applyPenalties, checksScore, gradeFor, metricsScore, penaltiesFor, scoreFrom } from '../../src/analysis/scoring.js';
import { GRADE_BANDS, ISSUE_PENALTIES, METRIC_WEIGHTS, severityFor } from '../../src/analysis/scoring-config.js';
import { METRIC_CODES } from '../../src/domain/metrics.js';

describe('grade bands', () => {
  it('A 76–100, B 51–75, C 26–50, D 0–25', () => {
    expect([0, 25, 26, 50, 51, 75, 76, 100].map(gradeFor)).toEqual(['D', 'D', 'C', 'C', 'B', 'B', 'A', 'A']);
    expect(GRADE_BANDS.map((b) => b.min)).toEqual([76, 51, 26, 0]);
  });
});

describe('config', () => {
  it('weighs the nine metrics to 1, hook heaviest', () => {
    expect(Object.keys(METRIC_WEIGHTS).sort()).toEqual([...METRIC_CODES].sort());
    expect(Object.values(METRIC_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(Math.max(...Object.values(METRIC_WEIGHTS))).toBe(METRIC_WEIGHTS.HOOK);
  });

  it("holds the product's penalty table", () => {
    expect(ISSUE_PENALTIES).toMatchObject({
      AD_POLICY: 12, FAKE_CONTENT: 10, SAFE_ZONE_VIOLATION: 10, SUBTITLE_POSITION: 8, HOOK_CTA_TOO_LONG: 5, SMALL_SUBTITLES: 4, HORIZONTAL_ON_VERTICAL: 3,
    });
    expect([12, 10, 8, 5, 4, 3, 2].map((p) => severityFor(p))).toEqual(['HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW', 'LOW', 'LOW']);
    expect(severityFor(3, { measured: true })).toBe('MEDIUM');
  });
});

describe('metricsScore', () => {
  it('is the weighted mean, over the metrics given', () => {
    expect(metricsScore(METRIC_CODES.map((code) => ({ code, score: 80 })))).toBe(80);
    // HOOK 100, the rest 50: 50 + 0.2 × 50.
    expect(metricsScore(METRIC_CODES.map((code) => ({ code, score: code === 'HOOK' ? 100 : 50 })))).toBe(60);
    expect(metricsScore([{ code: 'HOOK', score: 100 }, { code: 'COMMUNITY', score: 0 }])).toBe(80);
    expect(metricsScore([])).toBeNull();
  });
});

describe('penalties and the score', () => {
  it('counts each kind of issue once, at its highest penalty', () => {
    const issues = [
      { code: 'RESOLUTION_BELOW_SPEC', penalty: 3 },
      { code: 'ASPECT_RATIO_MISMATCH', penalty: 2 },
      { code: 'RESOLUTION_BELOW_SPEC', penalty: 3 },
      { code: 'SAFE_ZONE_VIOLATION', penalty: 10 },
      { code: 'INFO_ONLY', penalty: 0 },
    ];
    expect(penaltiesFor(issues)).toEqual([
      { issueCode: 'SAFE_ZONE_VIOLATION', points: 10 },
      { issueCode: 'RESOLUTION_BELOW_SPEC', points: 3 },
      { issueCode: 'ASPECT_RATIO_MISMATCH', points: 2 },
    ]);
  });

  it('subtracts them from the rounded base and clamps to 0–100', () => {
    expect(scoreFrom(71.4, [{ code: 'SAFE_ZONE_VIOLATION', penalty: 10 }, { code: 'SMALL_SUBTITLES', penalty: 4 }])).toEqual({
      score: 57, grade: 'B', scoreBeforePenalties: 71, totalPenalty: 14,
      penalties: [{ issueCode: 'SAFE_ZONE_VIOLATION', points: 10 }, { issueCode: 'SMALL_SUBTITLES', points: 4 }],
    });
    expect(scoreFrom(10, [{ code: 'AD_POLICY', penalty: 12 }])).toMatchObject({ score: 0, grade: 'D', scoreBeforePenalties: 10 });
    expect(scoreFrom(130, [])).toMatchObject({ score: 100, scoreBeforePenalties: 100, penalties: [] });
    expect(applyPenalties(50, [3, 2])).toEqual({ score: 45, scoreBeforePenalties: 50, totalPenalty: 5 });
  });

  it('ABCD score: share of decided checks passed', () => {
    expect(checksScore([{ passed: true }, { passed: false }, { passed: null }, { passed: true }])).toBe(67);
    expect(checksScore([{ passed: null }])).toBeNull();
  });
});
