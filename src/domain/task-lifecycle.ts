// Every task transition in one table (the task lifecycle). The pipeline's stages run in STAGE_ORDER; any live status may
// fail or be cancelled; terminal statuses go nowhere.
import { TaskStatus } from './model.js';

export const STAGE_ORDER = [
  TaskStatus.QUEUED,
  TaskStatus.PROCESSING,
  TaskStatus.EXTRACTING_AUDIO,
  TaskStatus.TRANSCRIBING,
  TaskStatus.ANALYZING_AI,
  TaskStatus.GENERATING_RECOMMENDATIONS,
  TaskStatus.COMPLETED,
] as const;

export const TERMINAL: ReadonlySet<TaskStatus> = new Set([TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED]);

export const isTerminal = (s: TaskStatus): boolean => TERMINAL.has(s);

/** Overall progress (0–100) when a status is entered; a stage reports within [its base, next base). */
export const PROGRESS_BASE: Record<TaskStatus, number> = {
  [TaskStatus.QUEUED]: 0,
  [TaskStatus.PROCESSING]: 5,
  [TaskStatus.EXTRACTING_AUDIO]: 15,
  [TaskStatus.TRANSCRIBING]: 40,
  [TaskStatus.ANALYZING_AI]: 60,
  [TaskStatus.GENERATING_RECOMMENDATIONS]: 85,
  [TaskStatus.COMPLETED]: 100,
  [TaskStatus.FAILED]: 100,
  [TaskStatus.CANCELLED]: 100,
};

const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = (() => {
  const t = {} as Record<TaskStatus, TaskStatus[]>;
  for (const s of Object.values(TaskStatus)) t[s] = [];
  STAGE_ORDER.forEach((s, i) => {
    if (isTerminal(s)) return;
    // Forward to the next stage, or straight to COMPLETED from the last one; progress within a stage
    // is a self-transition.
    t[s].push(s, STAGE_ORDER[i + 1]!, TaskStatus.FAILED, TaskStatus.CANCELLED);
  });
  return t;
})();

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextStage(s: TaskStatus): TaskStatus | undefined {
  const i = STAGE_ORDER.indexOf(s as (typeof STAGE_ORDER)[number]);
  return i >= 0 && i < STAGE_ORDER.length - 1 ? STAGE_ORDER[i + 1] : undefined;
}

/** Position of a status in the stage order (-1 for FAILED/CANCELLED). */
export function stageIndex(s: TaskStatus): number {
  return STAGE_ORDER.indexOf(s as (typeof STAGE_ORDER)[number]);
}

/** Whether a task at `s` has yet to enter the stage that runs at `stage` (false for the same stage or a later one). */
export const isBefore = (s: TaskStatus, stage: TaskStatus): boolean => stageIndex(s) < stageIndex(stage);

/** Overall progress for a fraction (0..1) of the work within a stage. */
export function progressWithin(s: TaskStatus, fraction: number): number {
  const next = nextStage(s);
  const base = PROGRESS_BASE[s];
  if (!next) return base;
  const f = Math.min(1, Math.max(0, fraction));
  return Math.min(PROGRESS_BASE[next] - 1, Math.floor(base + (PROGRESS_BASE[next] - base) * f));
}
