// Same bytes, measured once: what a task's fingerprint found, and the mark on outputs taken from
// an earlier task. Depends on nothing.

/** Stored stage outputs that depend only on the source's bytes (and the engines that made them). */
export const REUSABLE_STAGES = ['extracting_audio', 'perceiving', 'transcribing'] as const;
export type ReusableStage = (typeof REUSABLE_STAGES)[number];

export interface FingerprintOutput {
  sha256: string;
  /** The earlier task whose outputs the reusable stages take, and which; null when there is none. */
  reuse: { fromTaskId: string; stages: ReusableStage[] } | null;
}

/** Marks an output taken from an earlier task. */
export interface Reused {
  reusedFromTask?: string;
}
