// The stored analysis result (tasks.result) carries the version of its shape, so a reader can tell
// what it holds. The shape itself is built in src/pipeline/result.ts (buildResult), from parts the
// analysis layer defines.

/** The shape the pipeline stores now. Bump it when a stored field changes meaning, not when one is added. */
export const RESULT_VERSION = 1;

export interface Versioned {
  version: number;
}

/** A stored result's version: results stored before versions existed are version 1. */
export function resultVersion(stored: unknown): number {
  const v = stored && typeof stored === 'object' ? (stored as Partial<Versioned>).version : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1;
}
