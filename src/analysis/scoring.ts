// Score and grade. One pure module so weights and bands are tested and tuned in one place.

/** Grade bands of the product's result model: A 76–100, B 51–75, C 26–50, D 0–25. */
export function gradeFor(score: number): 'A' | 'B' | 'C' | 'D' {
  if (score >= 76) return 'A';
  if (score >= 51) return 'B';
  if (score >= 26) return 'C';
  return 'D';
}

export function applyPenalties(base: number, penalties: number[]): { score: number; scoreBeforePenalties: number; totalPenalty: number } {
  const scoreBeforePenalties = clamp(Math.round(base));
  const totalPenalty = penalties.reduce((a, b) => a + b, 0);
  return { score: clamp(scoreBeforePenalties - totalPenalty), scoreBeforePenalties, totalPenalty };
}

/** Share of decided checks passed, ×100 (Google ABCD's own score); null when none could be decided. */
export function checksScore(checks: { passed: boolean | null }[]): number | null {
  const decided = checks.filter((c) => c.passed !== null);
  if (!decided.length) return null;
  return Math.round((100 * decided.filter((c) => c.passed).length) / decided.length);
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));
